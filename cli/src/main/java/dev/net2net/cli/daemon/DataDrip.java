package dev.net2net.cli.daemon;

import dev.net2net.datasets.FashionMnist;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Drips Fashion-MNIST training images into a watched folder as IDX shards, the way a data pipeline
 * would deliver them: labels first, then images, each written under a hidden name and renamed, so
 * the folder never shows half a shard.
 */
final class DataDrip {
  private final FashionMnist.RawSplit source;
  private final Path folder;
  private int offset;
  private int shard;

  DataDrip(FashionMnist.RawSplit source, Path folder) {
    this.source = source;
    this.folder = folder;
  }

  /**
   * Writes the next {@code rows} images as one shard; returns how many were written (0 when the
   * data ran out).
   */
  int drip(int rows) {
    int to = Math.min(source.images().count(), offset + rows);
    if (to <= offset) {
      return 0;
    }
    shard++;
    String stem = String.format(Locale.ROOT, "shard-%04d", shard);
    source.labels().slice(offset, to).writeGzip(folder.resolve(stem + "-labels-idx1-ubyte.gz"));
    source.images().slice(offset, to).writeGzip(folder.resolve(stem + "-images-idx3-ubyte.gz"));
    int written = to - offset;
    offset = to;
    return written;
  }
}
