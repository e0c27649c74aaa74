package dev.net2net.bench.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's single-precision matrix-multiply rate through ND4J: the floor a training loop aims
 * at.
 */
public final class Sgemm {
  private Sgemm() {}

  /**
   * Best-of GFLOP/s of {@code c = a x b} with square float matrices of side n (2 n^3 FLOPs each).
   */
  public static double gflops(int n, int repeats) {
    Nd4j.getRandom().setSeed(1);
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
    for (int i = 0; i < 2; i++) {
      a.mmuli(b, c);
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      a.mmuli(b, c);
      c.getFloat(0); // waits for the result
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return 2.0 * n * n * n / best / 1e9;
  }
}
