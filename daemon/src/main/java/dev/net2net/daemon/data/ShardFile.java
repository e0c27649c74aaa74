package dev.net2net.daemon.data;

import dev.net2net.datasets.CsvImages;
import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.IdxFile;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.registry.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * One shard of a dataset as it lies in the watched folder: an IDX pair ({@code
 * X-images-idx3-ubyte[.gz]} with {@code X-labels-idx1-ubyte[.gz]}) or a CSV file. {@code path}
 * identifies it (the images file of a pair); {@code files} are every file it consists of.
 */
public record ShardFile(Path path, List<Path> files, Kind kind) {
  public static final int SIDE = 28;
  public static final int CLASSES = 10;

  public enum Kind {
    IDX,
    CSV
  }

  public ShardFile {
    Objects.requireNonNull(path);
    files = List.copyOf(files);
    Objects.requireNonNull(kind);
  }

  /** The SHA-256 of every file's bytes, in order. */
  public Sha256 checksum() throws IOException {
    MessageDigest digest = Sha256.newDigest();
    for (Path file : files) {
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return Sha256.fromDigest(digest);
  }

  /**
   * Reads and checks the images: 28x28 grey, labels 0..9. Bad content is a {@link
   * DatasetException}.
   */
  public LabeledImages read() {
    if (kind == Kind.CSV) {
      return CsvImages.read(path, SIDE, SIDE, CLASSES);
    }
    LabeledImages images =
        LabeledImages.fromIdx(
            IdxFile.read(files.get(0)), IdxFile.read(files.get(1)), CLASSES, path.toString());
    if (images.rows() != SIDE || images.cols() != SIDE) {
      throw new DatasetException(
          path
              + ": images are "
              + images.rows()
              + "x"
              + images.cols()
              + "; this dataset's are "
              + SIDE
              + "x"
              + SIDE);
    }
    return images;
  }
}
