package dev.net2net.policies.model;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a candidate must prove to replace the champion: beat it on a validation metric by at least
 * {@code minImprovement}, and stay within the parameter budget (which only the grown model can
 * tell).
 */
public record PromotionGate(MetricRef metric, double minImprovement, OptionalLong maxParameters) {

  public PromotionGate {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(maxParameters, "maxParameters");
    if (metric.split() != Split.VALIDATION) {
      throw new IllegalArgumentException(
          "the promotion gate judges on validation data, got " + metric.split());
    }
    if (!(minImprovement >= 0) || !Double.isFinite(minImprovement)) {
      throw new IllegalArgumentException(
          "minImprovement must be a finite number >= 0, got " + minImprovement);
    }
    maxParameters.ifPresent(
        max -> {
          if (max < 1) {
            throw new IllegalArgumentException("maxParameters must be at least 1, got " + max);
          }
        });
  }

  public static PromotionGate defaults() {
    return new PromotionGate(
        new MetricRef("accuracy", Split.VALIDATION, Mode.MAX), 0.0, OptionalLong.empty());
  }

  /** Whether a candidate's value passes against the champion's. */
  public boolean passes(double candidate, double champion) {
    return metric.mode().improvement(candidate, champion) >= minImprovement;
  }

  public String describe() {
    return "promote if "
        + metric.describe()
        + " "
        + (metric.mode() == Mode.MAX ? "rises" : "falls")
        + " by >= "
        + Numbers.format(minImprovement)
        + maxParameters.stream()
            .mapToObj(max -> " within " + Numbers.format(max) + " parameters")
            .findFirst()
            .orElse("");
  }
}
