package dev.net2net.policies.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric as the signals name it: its name, the split it was measured on, and which way is better.
 */
public record MetricRef(String name, Split split, Mode mode) {

  /** Metric names are identifiers: they become CSV column suffixes and metric labels. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public MetricRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(mode, "mode");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("metric name must match " + NAME + ", got '" + name + "'");
    }
  }

  /** "validation accuracy", as reports say it. */
  public String describe() {
    return split.yamlName() + " " + name;
  }
}
