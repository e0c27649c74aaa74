package dev.net2net.registry.decision;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A recorded policy decision. */
public record PolicyDecision(
    long id,
    ModelName model,
    String policy,
    String rule,
    JsonDocument signals,
    String action,
    Optional<GrowthKind> growthKind,
    DecisionOutcome outcome,
    Optional<Integer> resultingVersion,
    Instant decidedAt,
    Instant updatedAt) {
  public PolicyDecision {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(growthKind, "growthKind");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(resultingVersion, "resultingVersion");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
