package dev.net2net.datasets.stream;

import dev.net2net.datasets.cache.CacheException;
import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.schema.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches streamed from cache files, what DL4J's {@code fit} and {@code evaluate} consume.
 * Every epoch visits every row of the set exactly once, in the order {@link EpochOrder} gives for
 * (seed, epoch), or in file order when not shuffled; {@link #reset()} starts the next epoch. A
 * batch's rows are sorted by place on disk and read with positioned reads (adjacent rows in one
 * read) into one reused buffer, so memory is a batch, not the data: no per-row index at all, one
 * open file handle per recently used cache file (at most {@value #OPEN_FILES}).
 *
 * <p>Not thread-safe: one consumer, as a training loop is.
 */
public final class CacheBatches implements DataSetIterator, AutoCloseable {
  /** How the features of a batch are shaped. */
  public enum Form {
    /** {@code [batch, features]}, for dense networks. */
    FLAT,
    /** {@code [batch, channels, height, width]}, for convolutional networks (image sets only). */
    IMAGE
  }

  private static final long serialVersionUID = 1L;
  static final int OPEN_FILES = 64;
  private final transient RowSet rows;
  private final int batchSize;
  private final long seed;
  private final boolean shuffle;
  private final Form form;
  private final transient RowDecoder decoder;
  private transient ByteBuffer buffer;
  private final transient Map<Integer, FileChannel> open =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, FileChannel> eldest) {
          if (size() > OPEN_FILES) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  private transient EpochOrder order;
  private long epoch;
  private long position;
  private transient DataSetPreProcessor preProcessor;

  public CacheBatches(RowSet rows, int batchSize, long seed, boolean shuffle, Form form) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    if (form == Form.IMAGE && rows.layout().image().isEmpty()) {
      throw new IllegalArgumentException("image-shaped batches of a table");
    }
    this.rows = rows;
    this.batchSize = batchSize;
    this.seed = seed;
    this.shuffle = shuffle;
    this.form = form;
    this.decoder = new RowDecoder(rows.layout());
    this.buffer =
        ByteBuffer.allocateDirect(Math.multiplyExact(batchSize, rows.layout().rowBytes()));
    startEpoch(0);
  }

  /** Shuffled training batches of the training rows of these caches. */
  public static CacheBatches training(List<CacheFile> files, int batchSize, long seed, Form form) {
    return new CacheBatches(new RowSet(files, RowSet.Part.TRAINING), batchSize, seed, true, form);
  }

  /** The held-out rows of these caches, in file order. */
  public static CacheBatches holdout(List<CacheFile> files, int batchSize, Form form) {
    return new CacheBatches(new RowSet(files, RowSet.Part.HOLDOUT), batchSize, 0, false, form);
  }

  /** Restarts at the beginning of epoch {@code e} (its order depends on the seed and e only). */
  public void startEpoch(long e) {
    this.epoch = e;
    this.position = 0;
    this.order = shuffle ? EpochOrder.of(rows.size(), seed, e) : null;
  }

  public long epoch() {
    return epoch;
  }

  public long rows() {
    return rows.size();
  }

  /**
   * The global row numbers (0..size-1 of the set) of the next batch, without reading them; used by
   * tests and by {@link #next(int)}.
   */
  long[] peekRows(int count) {
    int n = (int) Math.min(count, rows.size() - position);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long p = position + i;
      out[i] = shuffle ? order.at(p) : p;
    }
    return out;
  }

  @Override
  public DataSet next(int num) {
    if (!hasNext()) {
      throw new NoSuchElementException("epoch " + epoch + " is over");
    }
    long[] batch = peekRows(num);
    position += batch.length;
    Arrays.sort(batch); // place on disk; the order inside a batch does not change its gradient
    int n = batch.length;
    RowLayout layout = rows.layout();
    int features = layout.features();
    int classes = layout.classes();
    float[] x = new float[n * features];
    float[] y = new float[n * classes];
    int rowBytes = decoder.rowBytes();
    if (buffer.capacity() < n * rowBytes) {
      buffer = ByteBuffer.allocateDirect(n * rowBytes);
    }
    int done = 0;
    try {
      while (done < n) {
        int file = rows.fileOf(batch[done]);
        long first = rows.rowInFile(file, batch[done]);
        int run = 1;
        while (done + run < n
            && batch[done + run] == batch[done] + run
            && rows.fileOf(batch[done + run]) == file) {
          run++;
        }
        CacheFile cache = rows.files().get(file);
        buffer.clear();
        buffer.limit(run * rowBytes);
        readFully(channel(file), buffer, cache.offset(first), cache);
        for (int r = 0; r < run; r++) {
          int label = decoder.decode(buffer, r * rowBytes, x, (done + r) * features);
          if (label < 0 || label >= classes) {
            throw new CacheException(
                cache.path() + ": row " + (first + r) + " has label " + label + " (corrupt)");
          }
          y[(done + r) * classes + label] = 1f;
        }
        done += run;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    INDArray features2d = Nd4j.create(x, new long[] {n, features}, 'c');
    INDArray in =
        form == Form.IMAGE ? imageShaped(features2d, layout.image().orElseThrow(), n) : features2d;
    DataSet data = new DataSet(in, Nd4j.create(y, new long[] {n, classes}, 'c'));
    if (preProcessor != null) {
      preProcessor.preProcess(data);
    }
    return data;
  }

  private static INDArray imageShaped(INDArray flat, ImageShape shape, int n) {
    return flat.reshape('c', n, shape.channels(), shape.height(), shape.width());
  }

  private FileChannel channel(int file) throws IOException {
    FileChannel c = open.get(file);
    if (c == null) {
      c = rows.files().get(file).channel();
      open.put(file, c);
    }
    return c;
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long at, CacheFile cache)
      throws IOException {
    long position = at;
    while (into.hasRemaining()) {
      int n = channel.read(into, position);
      if (n < 0) {
        throw new CacheException(
            cache.path() + ": ends at byte " + position + " inside a row (the file shrank)");
      }
      position += n;
    }
  }

  @Override
  public DataSet next() {
    return next(batchSize);
  }

  @Override
  public boolean hasNext() {
    return position < rows.size();
  }

  @Override
  public int inputColumns() {
    return rows.layout().features();
  }

  @Override
  public int totalOutcomes() {
    return rows.layout().classes();
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }

  /** Starts the next epoch. */
  @Override
  public void reset() {
    startEpoch(epoch + 1);
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return null;
  }

  @Override
  public void close() {
    open.values().forEach(CacheBatches::closeQuietly);
    open.clear();
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // a read-only handle; nothing to lose
    }
  }
}
