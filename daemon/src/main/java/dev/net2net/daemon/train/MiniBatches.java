package dev.net2net.daemon.train;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch of shuffled mini-batches: a seeded Fisher-Yates permutation drawn from the caller's {@link Random}
 * (the order the training loop has always used), each batch gathered with {@code getRows} when it is asked
 * for. Gathering on a background thread while the previous batch trains was measured (bench/, the throughput
 * benchmark) and dropped: it gained nothing measurable, and with ND4J's two OpenMP threads on a two-core
 * machine the extra thread slowed the MLP down.
 */
public final class MiniBatches implements AutoCloseable {
  private final Examples data;
  private final int batchSize;
  private final int[] order;
  private int from;

  private MiniBatches(Examples data, int batchSize, int[] order) {
    this.data = data;
    this.batchSize = batchSize;
    this.order = order;
  }

  public static MiniBatches shuffled(Examples data, int batchSize, Random random) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    return new MiniBatches(data, batchSize, permutation(data.size(), random));
  }

  /** The number of batches in the epoch. */
  public int count() {
    return (order.length + batchSize - 1) / batchSize;
  }

  /** The next batch, or null when the epoch is done. */
  public DataSet next() {
    if (from >= order.length) {
      return null;
    }
    int end = Math.min(order.length, from + batchSize);
    int[] rows = java.util.Arrays.copyOfRange(order, from, end);
    from = end;
    INDArray x = data.features().getRows(rows);
    INDArray y = data.labels().getRows(rows);
    return new DataSet(x, y);
  }

  @Override
  public void close() {
    from = order.length;
  }

  static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
