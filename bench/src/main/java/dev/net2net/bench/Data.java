package dev.net2net.bench;

import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;

/**
 * Fashion-MNIST from the Debian package, subsampled for the compute budget: the first {@code n}
 * training images (the file is in random class order) and the first {@code m} test images as the
 * validation set.
 */
public final class Data {
  private static LabeledImages train;
  private static LabeledImages test;

  private Data() {}

  public static synchronized LabeledImages train(int n) {
    if (train == null) {
      train = FashionMnist.locate().load(FashionMnist.Split.TRAIN);
    }
    return train.first(n);
  }

  public static synchronized LabeledImages validation(int m) {
    if (test == null) {
      test = FashionMnist.locate().load(FashionMnist.Split.TEST);
    }
    return test.first(m);
  }

  public static String describe(int n, int m) {
    return "Fashion-MNIST ("
        + FashionMnist.locate().directory()
        + "): the first "
        + n
        + " training images for training, the first "
        + m
        + " test images for validation";
  }
}
