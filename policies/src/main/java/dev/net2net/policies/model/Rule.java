package dev.net2net.policies.model;

import java.time.Duration;
import java.util.Objects;

/**
 * One way a model may grow: when {@code when} has held continuously for {@code holdFor} (the
 * Prometheus {@code for:}), do {@code action}. A rule may override the policy's training plan and
 * promotion gate, because a deepen may need more epochs than a widen.
 */
public record Rule(
    String name,
    Condition when,
    Duration holdFor,
    Action action,
    TrainingPlan training,
    PromotionGate promotion,
    SourceLocation location) {

  public Rule {
    Names.requireIdentifier("rule name", name);
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(location, "location");
    if (holdFor.isNegative()) {
      throw new IllegalArgumentException("for: must not be negative, got " + holdFor);
    }
  }
}
