package dev.net2net.training.seed;

import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.ImageShape;
import java.util.Optional;

/**
 * What a seed architecture is sized for: its input (a number of features, or an image of a height,
 * width and channel count, fed flat and channel-major) and its number of classes.
 */
public record SeedShape(int features, Optional<ImageShape> image, int classes) {
  public SeedShape {
    if (features < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "a seed needs at least 1 input and 2 classes, got " + features + " and " + classes);
    }
  }

  /** Fashion-MNIST's 28x28 grey images in 10 classes, the shape of a model without a schema. */
  public static SeedShape fashionMnist() {
    return new SeedShape(784, Optional.of(new ImageShape(28, 28, 1, false)), 10);
  }

  /**
   * An image schema's shape; a table's number of features is known once its first shard is read.
   */
  public static SeedShape of(DatasetSchema schema, int features) {
    Optional<ImageShape> image =
        schema.shape() instanceof ImageShape s ? Optional.of(s) : Optional.empty();
    return new SeedShape(
        image.map(ImageShape::pixels).orElse(features), image, schema.classes().count());
  }
}
