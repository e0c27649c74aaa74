package dev.net2net.registry.decision;

import dev.net2net.registry.JsonObject;
import dev.net2net.registry.model.ModelName;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy engine decided and on what grounds: the policy and rule that fired, the signals it saw,
 * the action (e.g. widen, deepen, none) and the outcome (e.g. enqueued, cooldown, promoted).
 */
public record NewDecision(
    ModelName model, String policy, String rule, JsonObject signals, String action, String outcome,
    Optional<Integer> resultingVersion) {
  public NewDecision {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(resultingVersion, "resultingVersion");
    requireText("policy", policy);
    requireText("rule", rule);
    requireText("action", action);
    requireText("outcome", outcome);
  }

  public static NewDecision of(ModelName model, String policy, String rule, JsonObject signals, String action, String outcome) {
    return new NewDecision(model, policy, rule, signals, action, outcome, Optional.empty());
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a policy decision needs a non-blank " + field);
    }
  }
}
