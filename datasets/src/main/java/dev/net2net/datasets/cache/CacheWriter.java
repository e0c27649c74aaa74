package dev.net2net.datasets.cache;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.read.ElementType;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.read.RowSink;
import dev.net2net.datasets.split.HoldoutRule;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Converts a shard's rows into a cache file as a reader produces them: training rows go straight to
 * the file, held-out rows to a side file appended at the end, then the header is written, the file
 * fsynced and renamed into place. A crash leaves at most a hidden {@code .partial} file, never a
 * cache that looks complete. Memory: one row and two 1 MB write buffers.
 */
public final class CacheWriter implements RowSink, AutoCloseable {
  private static final int BUFFER = 1 << 20;
  private static final AtomicLong WRITERS = new AtomicLong();
  private final Path target;
  private final Path partial;
  private final Path holdoutPartial;
  private final HoldoutRule rule;
  private final String source;
  private RowLayout layout;
  private OutputStream train;
  private OutputStream holdout;
  private final CRC32C trainCrc = new CRC32C();
  private byte[] row;
  private ByteBuffer rowView;
  private long trainRows;
  private long holdoutRows;
  private boolean finished;

  public CacheWriter(Path target, HoldoutRule rule, String source) {
    this.target = target;
    // Named per writer: two daemons sharing one home may convert the same shard at once, and each
    // must write its own scratch files; the last rename wins with identical content.
    String scratch =
        "."
            + target.getFileName()
            + "."
            + ProcessHandle.current().pid()
            + "-"
            + WRITERS.incrementAndGet();
    this.partial = target.resolveSibling(scratch + ".partial");
    this.holdoutPartial = target.resolveSibling(scratch + ".holdout.partial");
    this.rule = rule;
    this.source = source;
  }

  @Override
  public void begin(RowLayout layout) {
    if (this.layout != null) {
      throw new IllegalStateException("begin called twice");
    }
    this.layout = layout;
    this.row = new byte[layout.rowBytes()];
    this.rowView = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      train = new BufferedOutputStream(Files.newOutputStream(partial), BUFFER);
      train.write(new byte[CacheHeader.SIZE]);
      holdout = new BufferedOutputStream(Files.newOutputStream(holdoutPartial), BUFFER);
    } catch (IOException e) {
      throw new DatasetException(target + ": cannot write the cache: " + e.getMessage(), e);
    }
  }

  @Override
  public void row(float[] features, int label) {
    requireType(ElementType.FLOAT32, features.length);
    rowView.clear();
    for (float f : features) {
      rowView.putFloat(f);
    }
    rowView.putInt(label);
    emit(label);
  }

  @Override
  public void row(byte[] pixels, int label) {
    requireType(ElementType.UINT8, pixels.length);
    System.arraycopy(pixels, 0, row, 0, pixels.length);
    rowView.putInt(pixels.length, label);
    emit(label);
  }

  private void requireType(ElementType type, int length) {
    if (layout == null) {
      throw new IllegalStateException("a row before begin");
    }
    if (layout.type() != type || length != layout.features()) {
      throw new IllegalArgumentException(
          "a "
              + type
              + " row of "
              + length
              + " values for a layout of "
              + layout.features()
              + " "
              + layout.type());
    }
  }

  private void emit(int label) {
    if (label < 0 || label >= layout.classes()) {
      throw new IllegalArgumentException(
          "label " + label + " outside 0.." + (layout.classes() - 1));
    }
    try {
      if (rule.holdout(row, 0, row.length)) {
        holdout.write(row);
        holdoutRows++;
      } else {
        train.write(row);
        trainCrc.update(row, 0, row.length);
        trainRows++;
      }
    } catch (IOException e) {
      throw new DatasetException(target + ": cannot write the cache: " + e.getMessage(), e);
    }
  }

  /**
   * Completes the file and puts it in place; returns it opened (its checksum just computed, not
   * re-read).
   */
  public CacheFile finish() {
    if (layout == null) {
      throw new DatasetException(target + ": the shard had no rows");
    }
    try {
      holdout.close();
      byte[] buffer = new byte[BUFFER];
      try (InputStream in = Files.newInputStream(holdoutPartial)) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          train.write(buffer, 0, n);
          trainCrc.update(buffer, 0, n);
        }
      }
      train.close();
      Files.delete(holdoutPartial);
      // Column names live with the model's schema; the file keeps their digest to tell other
      // columns apart.
      RowLayout stored =
          new RowLayout(
              layout.type(),
              layout.features(),
              layout.classes(),
              java.util.List.of(),
              layout.image());
      CacheHeader header =
          new CacheHeader(
              stored,
              layout.columnsDigest(),
              trainRows,
              holdoutRows,
              rule.code(),
              rule.fraction(),
              source,
              (int) trainCrc.getValue());
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        ByteBuffer encoded = header.encode();
        long at = 0;
        while (encoded.hasRemaining()) {
          at += channel.write(encoded, at);
        }
        channel.force(true);
      }
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      finished = true;
      return CacheFile.trusted(target, header);
    } catch (IOException e) {
      throw new DatasetException(target + ": cannot write the cache: " + e.getMessage(), e);
    }
  }

  /**
   * Removes the partial files of an unfinished conversion (a refused shard leaves nothing behind).
   */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    closeQuietly(train);
    closeQuietly(holdout);
    try {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(holdoutPartial);
    } catch (IOException ignored) {
      // the conversion's own error is the one worth reporting
    }
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // see close()
      }
    }
  }
}
