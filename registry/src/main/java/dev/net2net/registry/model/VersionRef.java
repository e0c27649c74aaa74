package dev.net2net.registry.model;

import java.util.Objects;

/** One version of one model, written {@code MODEL:NUMBER} (e.g. {@code fashion:3}). */
public record VersionRef(ModelName model, int number) {
  public VersionRef {
    Objects.requireNonNull(model, "model");
    if (number < 1) {
      throw new IllegalArgumentException(
          "version numbers start at 1, got " + number + " for model " + model);
    }
  }

  public static VersionRef of(String model, int number) {
    return new VersionRef(new ModelName(model), number);
  }

  /** Parses {@code MODEL:NUMBER}. */
  public static VersionRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "expected MODEL:VERSION (e.g. fashion:3) but got '" + text + "'");
    }
    String number = text.substring(colon + 1);
    try {
      return new VersionRef(new ModelName(text.substring(0, colon)), Integer.parseInt(number));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a version number after ':' in '" + text + "' but got '" + number + "'");
    }
  }

  @Override
  public String toString() {
    return model + ":" + number;
  }
}
