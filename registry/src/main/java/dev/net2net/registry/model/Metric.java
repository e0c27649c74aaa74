package dev.net2net.registry.model;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One measurement of a version: {@code metric} on {@code split} (train, validation, test...) at a
 * training {@code epoch}, or for the final evaluation when the epoch is empty.
 */
public record Metric(String split, String name, OptionalInt epoch, double value) {
  private static final Pattern SPLIT = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

  public Metric {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(epoch, "epoch");
    if (!SPLIT.matcher(split).matches()) {
      throw new IllegalArgumentException(
          "invalid split '" + split + "': lowercase letters, digits and '_', e.g. validation");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid metric name '"
              + name
              + "': lowercase letters, digits, '_' and '.', e.g. accuracy");
    }
    if (epoch.isPresent() && epoch.getAsInt() < 0) {
      throw new IllegalArgumentException("epoch must not be negative, was " + epoch.getAsInt());
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          split
              + "."
              + name
              + " must be a finite number, was "
              + value
              + " (mark a diverged version failed instead)");
    }
  }

  /** The final evaluation's value. */
  public static Metric finalValue(String split, String name, double value) {
    return new Metric(split, name, OptionalInt.empty(), value);
  }

  public static Metric atEpoch(String split, String name, int epoch, double value) {
    return new Metric(split, name, OptionalInt.of(epoch), value);
  }

  public String key() {
    return split + "." + name;
  }
}
