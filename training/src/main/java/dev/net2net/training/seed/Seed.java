package dev.net2net.training.seed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The architecture a model starts from. */
public sealed interface Seed {
  record Mlp(List<Integer> hidden, String activation, double learningRate) implements Seed {
    public Mlp {
      hidden = List.copyOf(hidden);
      if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
        throw new IllegalArgumentException("hidden layer sizes must be positive and at least one");
      }
      if (!(learningRate > 0) || learningRate > 10) {
        throw new IllegalArgumentException("learning rate must be in (0, 10]");
      }
    }
  }

  record Inception(double widthMultiplier, int modules, double learningRate) implements Seed {
    public Inception {
      if (!(widthMultiplier > 0) || modules < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("invalid inception seed");
      }
    }
  }

  /**
   * A small convolutional network for images: a 3x3 convolution, batch normalisation, ReLU and 2x2
   * max pooling per entry of {@code filters}, then a dense layer of {@code dense} units and the
   * output.
   */
  record Cnn(List<Integer> filters, int dense, double learningRate) implements Seed {
    public Cnn {
      filters = List.copyOf(filters);
      if (filters.isEmpty() || filters.stream().anyMatch(f -> f < 1) || dense < 1) {
        throw new IllegalArgumentException(
            "a cnn needs at least one positive filter count and a positive dense width");
      }
      if (!(learningRate > 0) || learningRate > 10) {
        throw new IllegalArgumentException("learning rate must be in (0, 10]");
      }
    }
  }

  /** An existing DL4J model zip. */
  record Import(Path zip) implements Seed {
    public Import {
      Objects.requireNonNull(zip);
    }
  }
}
