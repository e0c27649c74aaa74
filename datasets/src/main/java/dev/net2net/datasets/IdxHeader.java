package dev.net2net.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The header of an IDX file of unsigned bytes, checked against the file's real size before anything
 * is allocated: a header that claims more (or fewer) values than the file holds is refused. For a
 * gzip file the size is the one its trailer records (modulo 2^32, as gzip keeps it).
 */
public record IdxHeader(Path file, int[] dims, boolean gzip, int headerBytes) {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final int MAX_DIMS = 4;

  public IdxHeader {
    dims = dims.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int count() {
    return dims[0];
  }

  /** Values per item (the product of every dimension but the first). */
  public long itemSize() {
    long size = 1;
    for (int i = 1; i < dims.length; i++) {
      size *= dims[i];
    }
    return size;
  }

  public long values() {
    return itemSize() * dims[0];
  }

  /** Reads and checks the header; the stream it returns is positioned at the first value. */
  public static Opened open(Path file) {
    try {
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      try {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
        IdxHeader header = parse(file, in, gzip);
        header.checkSize();
        return new Opened(header, in);
      } catch (RuntimeException | IOException e) {
        raw.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read IDX data: " + e.getMessage(), e);
    }
  }

  /** A checked header and the stream of values after it; closing it closes the file. */
  public record Opened(IdxHeader header, DataInputStream values) implements AutoCloseable {
    @Override
    public void close() {
      try {
        values.close();
      } catch (IOException ignored) {
        // reading is over; nothing is lost
      }
    }
  }

  private static IdxHeader parse(Path file, DataInputStream in, boolean gzip) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new DatasetException(file + ": empty or shorter than the 4-byte IDX header");
    }
    int zeros = magic >>> 16;
    int type = (magic >>> 8) & 0xFF;
    int rank = magic & 0xFF;
    if (zeros != 0) {
      throw new DatasetException(
          String.format(
              "%s: not an IDX file (header 0x%08x; expected 0x0000 followed by a type and a rank)",
              file, magic));
    }
    if (type != UNSIGNED_BYTE) {
      throw new DatasetException(
          String.format(
              "%s: IDX element type 0x%02x is not supported; expected 0x08 (unsigned byte)",
              file, type));
    }
    if (rank < 1 || rank > MAX_DIMS) {
      throw new DatasetException(file + ": IDX rank " + rank + " is outside 1.." + MAX_DIMS);
    }
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      try {
        dims[i] = in.readInt();
      } catch (EOFException e) {
        throw new DatasetException(
            file + ": header ends before dimension " + (i + 1) + " of " + rank);
      }
      if (dims[i] < 0) {
        throw new DatasetException(
            file + ": dimension " + (i + 1) + " is negative (" + dims[i] + ")");
      }
    }
    return new IdxHeader(file, dims, gzip, 4 + 4 * rank);
  }

  private void checkSize() throws IOException {
    long claimed;
    try {
      claimed = 1;
      for (int d : dims) {
        claimed = Math.multiplyExact(claimed, d);
      }
    } catch (ArithmeticException e) {
      throw new DatasetException(
          file
              + ": dimensions "
              + Arrays.toString(dims)
              + " claim more values than any file holds");
    }
    long expected = headerBytes + claimed;
    if (gzip) {
      long recorded = gzipRecordedSize();
      if (recorded != (expected & 0xFFFFFFFFL)) {
        throw new DatasetException(
            String.format(
                "%s: header claims dimensions %s (%d bytes with the header) but the gzip data holds %d bytes",
                file, Arrays.toString(dims), expected, recorded));
      }
    } else {
      long actual = Files.size(file);
      if (actual != expected) {
        throw new DatasetException(
            String.format(
                "%s: header claims dimensions %s (%d bytes with the header) but the file has %d bytes",
                file, Arrays.toString(dims), expected, actual));
      }
    }
  }

  /**
   * The uncompressed size a gzip file's last member records in its trailer (ISIZE, modulo 2^32).
   */
  private long gzipRecordedSize() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      if (length < 18) {
        throw new DatasetException(file + ": a gzip file of " + length + " bytes is truncated");
      }
      f.seek(length - 4);
      int b0 = f.read();
      int b1 = f.read();
      int b2 = f.read();
      int b3 = f.read();
      return (b0 | (b1 << 8) | (b2 << 16) | ((long) b3 << 24)) & 0xFFFFFFFFL;
    }
  }
}
