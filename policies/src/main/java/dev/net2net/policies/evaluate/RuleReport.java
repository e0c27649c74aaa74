package dev.net2net.policies.evaluate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule at one decision: its verdict, the report of its condition, how long the condition has
 * held against its {@code for:}, and the guards that blocked it.
 */
public record RuleReport(
    String rule,
    RuleVerdict verdict,
    ConditionReport condition,
    Optional<Instant> holdingSince,
    Duration heldFor,
    Duration requiredFor,
    List<GuardKind> blockedBy) {

  public RuleReport {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(holdingSince, "holdingSince");
    Objects.requireNonNull(heldFor, "heldFor");
    Objects.requireNonNull(requiredFor, "requiredFor");
    blockedBy = List.copyOf(blockedBy);
    if ((verdict == RuleVerdict.BLOCKED) == blockedBy.isEmpty()) {
      throw new IllegalArgumentException("a rule is BLOCKED exactly when some guard blocks it");
    }
  }
}
