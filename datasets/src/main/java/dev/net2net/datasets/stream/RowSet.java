package dev.net2net.datasets.stream;

import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.read.RowLayout;
import java.util.Arrays;
import java.util.List;

/**
 * The training rows or the held-out rows of a list of cache files, numbered 0..size-1 across them
 * in list order. Costs one long per file, nothing per row.
 */
public final class RowSet {
  public enum Part {
    TRAINING,
    HOLDOUT
  }

  private final List<CacheFile> files;
  private final Part part;
  private final long[] starts;
  private final long size;
  private final RowLayout layout;

  public RowSet(List<CacheFile> files, Part part) {
    this.files = List.copyOf(files);
    this.part = part;
    if (this.files.isEmpty()) {
      throw new IllegalArgumentException("no cache files");
    }
    this.layout = this.files.get(0).layout();
    starts = new long[this.files.size() + 1];
    for (int i = 0; i < this.files.size(); i++) {
      CacheFile f = this.files.get(i);
      RowLayout l = f.layout();
      if (l.type() != layout.type()
          || l.features() != layout.features()
          || l.classes() != layout.classes()
          || !l.image().equals(layout.image())
          || f.header().columnsDigest() != this.files.get(0).header().columnsDigest()) {
        throw new IllegalArgumentException(
            f.path() + " holds rows of another layout than " + this.files.get(0).path());
      }
      starts[i + 1] = starts[i] + (part == Part.TRAINING ? f.trainRows() : f.holdoutRows());
    }
    size = starts[this.files.size()];
  }

  public long size() {
    return size;
  }

  public RowLayout layout() {
    return layout;
  }

  public List<CacheFile> files() {
    return files;
  }

  public Part part() {
    return part;
  }

  /** The file that holds row {@code row} of this set. */
  int fileOf(long row) {
    int i = Arrays.binarySearch(starts, row);
    if (i >= 0) {
      while (i + 1 < starts.length && starts[i + 1] == row) {
        i++; // skip files with no rows of this part
      }
      return i;
    }
    return -i - 2;
  }

  /** The row's index inside its cache file (held-out rows follow a file's training rows). */
  long rowInFile(int file, long row) {
    long local = row - starts[file];
    return part == Part.TRAINING ? local : files.get(file).trainRows() + local;
  }
}
