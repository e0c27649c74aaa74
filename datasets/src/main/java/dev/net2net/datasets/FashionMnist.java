package dev.net2net.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fashion-MNIST as Debian's {@code dataset-fashion-mnist} package installs it: four gzip IDX files
 * of 28x28 grey images in 10 classes, 60,000 for training and 10,000 for testing.
 */
public final class FashionMnist {
  public static final Path DEBIAN_LOCATION = Path.of("/usr/share/datasets/fashion-mnist");

  /** Overrides the location, for a copy elsewhere. */
  public static final String LOCATION_VARIABLE = "NET2NET_FASHION_MNIST";

  public static final int CLASSES = 10;
  public static final int SIDE = 28;

  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Path directory;

  private FashionMnist(Path directory) {
    this.directory = directory;
  }

  /**
   * The data set in its usual place, or where {@value #LOCATION_VARIABLE} says (checked when
   * loaded).
   */
  public static FashionMnist locate() {
    Path dir =
        Optional.ofNullable(System.getenv(LOCATION_VARIABLE)).map(Path::of).orElse(DEBIAN_LOCATION);
    return at(dir);
  }

  /** The data set in a folder; a split that is missing there is reported when it is loaded. */
  public static FashionMnist at(Path directory) {
    return new FashionMnist(directory);
  }

  public static boolean isInstalled() {
    FashionMnist data = locate();
    for (Split split : Split.values()) {
      if (!data.has(split)) {
        return false;
      }
    }
    return true;
  }

  public boolean has(Split split) {
    return imagesFile(split).isPresent() && labelsFile(split).isPresent();
  }

  public Path directory() {
    return directory;
  }

  /**
   * A split's IDX files as they are, for copying slices of them (the demo drips shards this way).
   */
  public record RawSplit(IdxFile images, IdxFile labels) {}

  public RawSplit raw(Split split) {
    requirePresent(split);
    return new RawSplit(
        IdxFile.read(imagesFile(split).orElseThrow()),
        IdxFile.read(labelsFile(split).orElseThrow()));
  }

  private void requirePresent(Split split) {
    if (!has(split)) {
      throw new DatasetException(
          "Fashion-MNIST not found in "
              + directory
              + " (expected "
              + split.prefix
              + "-images-idx3-ubyte.gz and "
              + split.prefix
              + "-labels-idx1-ubyte.gz). Install it with: sudo apt-get install dataset-fashion-mnist"
              + " (or set "
              + LOCATION_VARIABLE
              + " to a folder holding those files)");
    }
  }

  public LabeledImages load(Split split) {
    requirePresent(split);
    Path images = imagesFile(split).orElseThrow();
    Path labels = labelsFile(split).orElseThrow();
    return LabeledImages.fromIdx(
        IdxFile.read(images), IdxFile.read(labels), CLASSES, images.toString());
  }

  private Optional<Path> imagesFile(Split split) {
    return existing(split.prefix + "-images-idx3-ubyte");
  }

  private Optional<Path> labelsFile(Split split) {
    return existing(split.prefix + "-labels-idx1-ubyte");
  }

  private Optional<Path> existing(String stem) {
    for (String name : new String[] {stem + ".gz", stem}) {
      Path p = directory.resolve(name);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
