package dev.net2net.daemon.train;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch of shuffled mini-batches, each gathered on a background thread while the caller trains on the
 * previous one. The order is a seeded Fisher-Yates permutation drawn from the caller's {@link Random}, the
 * same order the training loop has always used; the batch size is the caller's.
 */
public final class MiniBatches implements AutoCloseable {
  private static final Executor PREPARER = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "net2net-batches");
    t.setDaemon(true);
    return t;
  });

  private final Examples data;
  private final int batchSize;
  private final int[] order;
  private int from;
  private CompletableFuture<DataSet> next;

  private MiniBatches(Examples data, int batchSize, int[] order) {
    this.data = data;
    this.batchSize = batchSize;
    this.order = order;
    this.next = prepare();
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
    if (next == null) {
      return null;
    }
    DataSet current;
    try {
      current = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while preparing a batch");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
    next = prepare();
    return current;
  }

  private CompletableFuture<DataSet> prepare() {
    if (from >= order.length) {
      return null;
    }
    int start = from;
    int end = Math.min(order.length, from + batchSize);
    from = end;
    int[] rows = java.util.Arrays.copyOfRange(order, start, end);
    return CompletableFuture.supplyAsync(() -> gather(rows), PREPARER);
  }

  private DataSet gather(int[] rows) {
    INDArray x = data.features().getRows(rows);
    INDArray y = data.labels().getRows(rows);
    return new DataSet(x, y);
  }

  @Override
  public void close() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
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
