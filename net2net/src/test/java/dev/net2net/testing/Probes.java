package dev.net2net.testing;

import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inputs on which teacher and student are compared: real Fashion-MNIST images and random ones. */
public final class Probes {
  private static LabeledImages test;
  private static LabeledImages train;

  private Probes() {}

  /**
   * Fashion-MNIST test images (the Debian package; the test fails with install instructions if it
   * is missing).
   */
  public static synchronized LabeledImages fashionTest() {
    if (test == null) {
      test = FashionMnist.locate().load(FashionMnist.Split.TEST);
    }
    return test;
  }

  public static synchronized LabeledImages fashionTrain() {
    if (train == null) {
      train = FashionMnist.locate().load(FashionMnist.Split.TRAIN);
    }
    return train;
  }

  /** {@code n} test images starting at {@code offset}, as flat 784-value rows. */
  public static INDArray fashion(int offset, int n) {
    return fashionTest().slice(offset, offset + n).features();
  }

  /**
   * Random inputs: uniform on [0, 1] like pixels, plus a wider normal spread to reach other
   * regimes.
   */
  public static INDArray random(long seed, int n, int width) {
    Nd4j.getRandom().setSeed(seed);
    INDArray uniform = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, n / 2, width);
    INDArray normal =
        Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, n - n / 2, width).muli(2.0);
    return Nd4j.vstack(uniform, normal);
  }
}
