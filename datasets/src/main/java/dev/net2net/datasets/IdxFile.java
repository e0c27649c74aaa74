package dev.net2net.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An IDX file of unsigned bytes (the MNIST family's format), plain or gzip-compressed.
 *
 * @param dims the dimensions, outermost first (images: count, rows, columns; labels: count)
 * @param data the values, row-major, each an unsigned byte
 */
public record IdxFile(int[] dims, byte[] data) {

  private static final int UNSIGNED_BYTE = 0x08;

  public IdxFile {
    dims = dims.clone();
    long expected = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
      expected *= d;
    }
    if (expected != data.length) {
      throw new IllegalArgumentException(
          "dimensions "
              + Arrays.toString(dims)
              + " need "
              + expected
              + " values, got "
              + data.length);
    }
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int count() {
    return dims[0];
  }

  /** The number of values per item (rows x columns for images, 1 for labels). */
  public int itemSize() {
    int size = 1;
    for (int i = 1; i < dims.length; i++) {
      size *= dims[i];
    }
    return size;
  }

  public int unsigned(int index) {
    return data[index] & 0xFF;
  }

  /** Items {@code [from, to)} along the first dimension. */
  public IdxFile slice(int from, int to) {
    if (from < 0 || to > count() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") of " + count() + " items");
    }
    int[] sliced = dims.clone();
    sliced[0] = to - from;
    int size = itemSize();
    return new IdxFile(sliced, java.util.Arrays.copyOfRange(data, from * size, to * size));
  }

  /**
   * Writes the file gzip-compressed, to a hidden temporary name beside the target and then renamed,
   * so that a folder watcher never sees half a file.
   */
  public void writeGzip(Path file) {
    Path temp = file.resolveSibling("." + file.getFileName() + ".partial");
    try {
      try (java.io.DataOutputStream out =
          new java.io.DataOutputStream(
              new java.util.zip.GZIPOutputStream(
                  new java.io.BufferedOutputStream(Files.newOutputStream(temp)), 1 << 16))) {
        out.writeInt((UNSIGNED_BYTE << 8) | dims.length);
        for (int d : dims) {
          out.writeInt(d);
        }
        out.write(data);
      }
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write error is the one worth reporting
      }
      throw new DatasetException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /**
   * Reads an IDX file; gzip is detected from the content, not the name. The header's claims are
   * checked against the file's size before the values are allocated.
   */
  public static IdxFile read(Path file) {
    try (IdxHeader.Opened opened = IdxHeader.open(file)) {
      IdxHeader header = opened.header();
      long total = header.values();
      if (total > Integer.MAX_VALUE - 16) {
        throw new DatasetException(
            file + ": " + total + " values are too many to hold in memory at once");
      }
      byte[] data = new byte[(int) total];
      int read = opened.values().readNBytes(data, 0, data.length);
      if (read != data.length) {
        throw new DatasetException(
            String.format(
                "%s: truncated: dimensions %s need %d values but the file holds %d",
                file, Arrays.toString(header.dims()), total, read));
      }
      if (opened.values().read() != -1) {
        throw new DatasetException(
            String.format(
                "%s: %d values expected for dimensions %s, but more data follows",
                file, total, Arrays.toString(header.dims())));
      }
      return new IdxFile(header.dims(), data);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read IDX data: " + e.getMessage(), e);
    }
  }
}
