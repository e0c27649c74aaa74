package dev.net2net.datasets.schema;

import java.util.Objects;

/**
 * What a model's data looks like: the shape of an example and its classes. Every shard of the model
 * is read against it; a shard that does not fit is refused.
 */
public record DatasetSchema(Shape shape, Classes classes) {
  public DatasetSchema {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(classes, "classes");
  }

  /** Today's default: 28x28 grey images in 10 classes numbered 0..9 (Fashion-MNIST). */
  public static DatasetSchema fashionMnist() {
    return new DatasetSchema(new ImageShape(28, 28, 1, false), Classes.counted(10));
  }

  public boolean isImage() {
    return shape instanceof ImageShape;
  }
}
