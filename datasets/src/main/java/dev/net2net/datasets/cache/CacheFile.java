package dev.net2net.datasets.cache;

import dev.net2net.datasets.read.RowLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A shard's rows on disk, fixed-width, read with positioned reads (no mapping, no file pointer:
 * safe to share between threads). Holds no rows in memory; the file channel is opened per read
 * batch by {@link CacheReader}, so an open cache costs its header only.
 */
public final class CacheFile {
  private final Path path;
  private final CacheHeader header;

  private CacheFile(Path path, CacheHeader header) {
    this.path = path;
    this.header = header;
  }

  static CacheFile trusted(Path path, CacheHeader header) {
    return new CacheFile(path, header);
  }

  /**
   * Opens a cache file and proves it intact: header checksum, exact size, and the CRC32C of every
   * row (one sequential read of the file). Throws {@link CacheException} saying what is wrong.
   */
  public static CacheFile openVerified(Path path) {
    CacheFile file = openHeader(path);
    file.verifyRows();
    return file;
  }

  /**
   * Opens a cache file checking its header and size only (cheap); rows are checked by {@link
   * #verifyRows()}.
   */
  public static CacheFile openHeader(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer raw = ByteBuffer.allocate(CacheHeader.SIZE);
      while (raw.hasRemaining()) {
        if (channel.read(raw, raw.position()) < 0) {
          throw new CacheException(
              path + ": shorter than a cache header (" + channel.size() + " bytes)");
        }
      }
      raw.flip();
      CacheHeader header = CacheHeader.decode(raw, path.toString());
      long size = channel.size();
      if (size != header.fileSize()) {
        throw new CacheException(
            path
                + ": "
                + size
                + " bytes, but its header promises "
                + header.rows()
                + " rows of "
                + header.layout().rowBytes()
                + " bytes ("
                + header.fileSize()
                + " bytes)");
      }
      return new CacheFile(path, header);
    } catch (NoSuchFileException e) {
      throw new CacheException(path + ": no such cache file", e);
    } catch (IOException e) {
      throw new CacheException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Recomputes the CRC32C of every row and compares it with the header's. */
  public void verifyRows() {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long at = CacheHeader.SIZE;
      long end = header.fileSize();
      while (at < end) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), end - at));
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new CacheException(path + ": ends early at byte " + at);
        }
        buffer.flip();
        crc.update(buffer);
        at += n;
      }
    } catch (IOException e) {
      throw new CacheException(path + ": cannot read: " + e.getMessage(), e);
    }
    if ((int) crc.getValue() != header.bodyCrc()) {
      throw new CacheException(path + ": rows checksum mismatch (the file is corrupt)");
    }
  }

  public Path path() {
    return path;
  }

  public CacheHeader header() {
    return header;
  }

  public RowLayout layout() {
    return header.layout();
  }

  public long trainRows() {
    return header.trainRows();
  }

  public long holdoutRows() {
    return header.holdoutRows();
  }

  /** Byte offset of a row (training rows are 0..trainRows-1, held-out rows follow). */
  public long offset(long row) {
    return CacheHeader.SIZE + row * header.layout().rowBytes();
  }

  /** Opens a channel for positioned reads; the caller closes it. */
  public FileChannel channel() throws IOException {
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  public long sizeOnDisk() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return header.fileSize();
    }
  }
}
