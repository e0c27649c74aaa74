package dev.net2net.registry.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model's name: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit. No
 * colon, so {@code MODEL:VERSION} is unambiguous.
 */
public record ModelName(String value) {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public ModelName {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid model name '"
              + value
              + "': use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  public static ModelName of(String value) {
    return new ModelName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
