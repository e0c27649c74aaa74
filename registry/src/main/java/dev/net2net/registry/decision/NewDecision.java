package dev.net2net.registry.decision;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.model.ModelName;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy engine decided and on what grounds: the policy and rule that fired, the signals
 * it saw, the action described for people (e.g. "widen hidden1 x1.5", "none"), the kind of growth
 * it enqueued (present exactly when the outcome is a growth's) and the outcome.
 */
public record NewDecision(
    ModelName model,
    String policy,
    String rule,
    JsonDocument signals,
    String action,
    Optional<GrowthKind> growthKind,
    DecisionOutcome outcome,
    Optional<Integer> resultingVersion) {
  public NewDecision {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(growthKind, "growthKind");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(resultingVersion, "resultingVersion");
    requireText("policy", policy);
    requireText("rule", rule);
    requireText("action", action);
    if (growthKind.isPresent() != outcome.isGrowth()) {
      throw new IllegalArgumentException(
          "a decision names a growth kind exactly when its outcome is a growth's; "
              + "outcome "
              + outcome.label()
              + " with kind "
              + growthKind.map(GrowthKind::label).orElse("none"));
    }
  }

  /** A decision that enqueued a growth of this kind. */
  public static NewDecision growth(
      ModelName model,
      String policy,
      String rule,
      JsonDocument signals,
      String action,
      GrowthKind kind) {
    return new NewDecision(
        model,
        policy,
        rule,
        signals,
        action,
        Optional.of(kind),
        DecisionOutcome.ENQUEUED,
        Optional.empty());
  }

  /** A decision that is not a growth: held, or a manual request. */
  public static NewDecision of(
      ModelName model,
      String policy,
      String rule,
      JsonDocument signals,
      String action,
      DecisionOutcome outcome) {
    return new NewDecision(
        model, policy, rule, signals, action, Optional.empty(), outcome, Optional.empty());
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a policy decision needs a non-blank " + field);
    }
  }
}
