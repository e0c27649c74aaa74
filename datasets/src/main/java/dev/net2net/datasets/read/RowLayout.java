package dev.net2net.datasets.read;

import dev.net2net.datasets.schema.ImageShape;
import java.util.List;
import java.util.Optional;

/**
 * What a reader produces for every row: {@code features} values of one element type and a class
 * index. Tabular rows name their feature columns (in the order they are stored); image rows are
 * channel-major (channel, row, column), the order DL4J's convolution layers expect.
 */
public record RowLayout(
    ElementType type, int features, int classes, List<String> columns, Optional<ImageShape> image) {
  public RowLayout {
    columns = List.copyOf(columns);
    if (features < 1) {
      throw new IllegalArgumentException("a row needs at least one feature, got " + features);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("at least 2 classes, got " + classes);
    }
    if (!columns.isEmpty() && columns.size() != features) {
      throw new IllegalArgumentException(
          columns.size() + " column names for " + features + " features");
    }
    if (image.isPresent() && image.get().pixels() != features) {
      throw new IllegalArgumentException(
          "image "
              + image.get().describe()
              + " has "
              + image.get().pixels()
              + " values, not "
              + features);
    }
  }

  public static RowLayout tabular(List<String> columns, int classes) {
    return new RowLayout(ElementType.FLOAT32, columns.size(), classes, columns, Optional.empty());
  }

  public static RowLayout image(ImageShape shape, int classes) {
    return new RowLayout(ElementType.UINT8, shape.pixels(), classes, List.of(), Optional.of(shape));
  }

  /** Bytes of one stored row: the features, then the label as a 4-byte integer. */
  public int rowBytes() {
    return features * type.bytes() + Integer.BYTES;
  }

  /**
   * A stable 64-bit digest of the feature column names (0 for images), so shards with other columns
   * are told apart.
   */
  public long columnsDigest() {
    if (columns.isEmpty()) {
      return 0L;
    }
    byte[] joined =
        String.join("\u0000", columns).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return dev.net2net.datasets.split.RowHash.of(joined, 0, joined.length);
  }
}
