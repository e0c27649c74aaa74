package dev.net2net.training;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelInputs;
import dev.net2net.model.ModelHandle;
import java.util.NoSuchElementException;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Labelled examples held in memory, shaped for one model: the features it takes and the one-hot
 * labels. An epoch is a seeded Fisher-Yates permutation drawn from the caller's {@link Random}; the
 * rows are gathered in that order once, when the pass starts (one copy of the set, contiguous), and
 * each batch is a view of that copy: one gather per epoch rather than two per batch. (Gathering on
 * a background thread while the previous batch trains was measured in the throughput benchmark and
 * dropped: it gained nothing, and with ND4J's two OpenMP threads on a two-core machine the extra
 * thread slowed the MLP down.)
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
    int[] order = permutation(size(), random);
    return new Pass(batchSize, features.getRows(order), labels.getRows(order));
  }

  /** Batches in storage order are views of the arrays, not copies. */
  @Override
  public MiniBatches inOrder(int batchSize) {
    return new Pass(batchSize, features, labels);
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

  /** Batches as views of {@code x} and {@code y}, the rows in the order this pass visits them. */
  private static final class Pass implements MiniBatches {
    private final int batchSize;
    private final INDArray x;
    private final INDArray y;
    private final int length;
    private int from;

    Pass(int batchSize, INDArray x, INDArray y) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be positive");
      }
      this.batchSize = batchSize;
      this.x = x;
      this.y = y;
      this.length = (int) x.size(0);
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
      DataSet batch = new DataSet(Evaluations.rows(x, from, end), Evaluations.rows(y, from, end));
      from = end;
      return batch;
    }

    @Override
    public void close() {
      from = length;
    }
  }
}
