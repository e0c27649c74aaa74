package dev.net2net.training;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelInputs;
import dev.net2net.model.ModelHandle;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Labelled examples held in memory, shaped for one model: the features it takes and the one-hot
 * labels. An epoch is a seeded Fisher-Yates permutation drawn from the caller's {@link Random},
 * each batch gathered with {@code getRows} when it is asked for. (Gathering on a background thread
 * while the previous batch trains was measured in the throughput benchmark and dropped: it gained
 * nothing, and with ND4J's two OpenMP threads on a two-core machine the extra thread slowed the MLP
 * down.)
 */
public record Examples(INDArray features, INDArray labels) implements BatchSource {
  public Examples {
    if (features.size(0) != labels.size(0)) {
      throw new IllegalArgumentException(
          features.size(0) + " examples but " + labels.size(0) + " labels");
    }
  }

  public static Examples forModel(Model model, LabeledImages images) {
    return new Examples(ModelInputs.of(ModelHandle.of(model), images)[0], images.labels());
  }

  public int size() {
    return (int) features.size(0);
  }

  @Override
  public long rows() {
    return size();
  }

  @Override
  public MiniBatches shuffled(int batchSize, Random random) {
    return new Pass(batchSize, permutation(size(), random));
  }

  /** Batches in storage order are views of the arrays, not copies. */
  @Override
  public MiniBatches inOrder(int batchSize) {
    return new Pass(batchSize, null);
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

  private final class Pass implements MiniBatches {
    private final int batchSize;

    /** The rows in visiting order, or null for storage order. */
    private final int[] order;

    private final int length;
    private int from;

    Pass(int batchSize, int[] order) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be positive");
      }
      this.batchSize = batchSize;
      this.order = order;
      this.length = size();
    }

    @Override
    public int count() {
      return (length + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
      return from < length;
    }

    @Override
    public DataSet next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the pass has ended");
      }
      int end = Math.min(length, from + batchSize);
      DataSet batch;
      if (order == null) {
        batch =
            new DataSet(Evaluations.rows(features, from, end), Evaluations.rows(labels, from, end));
      } else {
        int[] rows = Arrays.copyOfRange(order, from, end);
        batch = new DataSet(features.getRows(rows), labels.getRows(rows));
      }
      from = end;
      return batch;
    }

    @Override
    public void close() {
      from = length;
    }
  }
}
