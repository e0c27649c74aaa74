package dev.net2net.training;

import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.stream.CacheBatches;
import dev.net2net.datasets.stream.RowSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * Rows streamed from shard cache files on disk: the training rows or the held-out rows of a list of
 * caches. Memory is one batch and one open handle per recently read cache file, whatever the number
 * of rows; nothing is concatenated. An epoch visits every row once in an order that depends only on
 * a seed drawn from the caller's {@link Random} (no per-row index). A normaliser, when given,
 * standardises every batch as it is read.
 */
public final class CachedSource implements BatchSource {
  private final RowSet rows;
  private final CacheBatches.Form form;
  private final Optional<DataNormalization> normalizer;

  public CachedSource(RowSet rows, CacheBatches.Form form, Optional<DataNormalization> normalizer) {
    this.rows = rows;
    this.form = form;
    this.normalizer = normalizer;
  }

  /** The training rows of {@code files}, shaped the way {@code model} takes them. */
  public static CachedSource training(
      Model model, List<CacheFile> files, Optional<DataNormalization> normalizer) {
    RowSet rows = new RowSet(files, RowSet.Part.TRAINING);
    return new CachedSource(rows, InputForms.of(model, rows.layout()), normalizer);
  }

  /** The held-out rows of {@code files}, shaped the way {@code model} takes them. */
  public static CachedSource holdout(
      Model model, List<CacheFile> files, Optional<DataNormalization> normalizer) {
    RowSet rows = new RowSet(files, RowSet.Part.HOLDOUT);
    return new CachedSource(rows, InputForms.of(model, rows.layout()), normalizer);
  }

  public RowSet rowSet() {
    return rows;
  }

  @Override
  public long rows() {
    return rows.size();
  }

  @Override
  public MiniBatches shuffled(int batchSize, Random random) {
    return pass(new CacheBatches(rows, batchSize, random.nextLong(), true, form), batchSize);
  }

  @Override
  public MiniBatches inOrder(int batchSize) {
    return pass(new CacheBatches(rows, batchSize, 0, false, form), batchSize);
  }

  private MiniBatches pass(CacheBatches batches, int batchSize) {
    normalizer.ifPresent(batches::setPreProcessor);
    int count = (int) ((rows.size() + batchSize - 1) / batchSize);
    return new MiniBatches() {
      @Override
      public int count() {
        return count;
      }

      @Override
      public boolean hasNext() {
        return batches.hasNext();
      }

      @Override
      public DataSet next() {
        return batches.next();
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }
}
