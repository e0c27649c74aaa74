package dev.net2net.registry.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alias name: {@code champion} (the one the daemon serves and grows) or a user-defined one;
 * lowercase letters, digits, '_' and '-', starting with a letter, so it never looks like a version
 * number.
 */
public record AliasName(String value) {
  // Declared before CHAMPION: static fields initialise in order, and the constructor needs it.
  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  public static final AliasName CHAMPION = new AliasName("champion");

  public AliasName {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid alias '"
              + value
              + "': use 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter");
    }
  }

  public static AliasName of(String value) {
    return new AliasName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
