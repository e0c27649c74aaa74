package dev.net2net.policies.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Whether a larger or a smaller value of a metric is better. */
public enum Mode {
  MAX("max"),
  MIN("min");

  private static final Set<String> HIGHER_IS_BETTER =
      Set.of("accuracy", "top5_accuracy", "f1", "precision", "recall", "auc", "r2");
  private static final Set<String> LOWER_IS_BETTER =
      Set.of("loss", "error", "error_rate", "mse", "mae", "rmse", "cross_entropy", "perplexity");

  private final String yamlName;

  Mode(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  /**
   * The mode of a well-known metric, so that {@code metric: accuracy} needs no {@code mode:}; an
   * unfamiliar metric has none and its policy must say which way is better.
   */
  public static Optional<Mode> conventionalFor(String metric) {
    String name = metric.toLowerCase(Locale.ROOT);
    if (HIGHER_IS_BETTER.contains(name)) {
      return Optional.of(MAX);
    }
    if (LOWER_IS_BETTER.contains(name)) {
      return Optional.of(MIN);
    }
    return Optional.empty();
  }

  /**
   * How much {@code candidate} improves on {@code reference}: positive is better, in either mode.
   */
  public double improvement(double candidate, double reference) {
    return this == MAX ? candidate - reference : reference - candidate;
  }

  /** The better of two values. */
  public double better(double a, double b) {
    return this == MAX ? Math.max(a, b) : Math.min(a, b);
  }
}
