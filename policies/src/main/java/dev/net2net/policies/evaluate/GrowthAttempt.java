package dev.net2net.policies.evaluate;

import dev.net2net.policies.model.ActionKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A growth that was started: which rule started it, what it did, and how it ended. */
public record GrowthAttempt(
    Instant startedAt,
    Optional<Instant> finishedAt,
    String rule,
    ActionKind kind,
    AttemptOutcome outcome) {

  public GrowthAttempt {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    if (finishedAt.isPresent() && finishedAt.get().isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "an attempt cannot finish ("
              + finishedAt.get()
              + ") before it starts ("
              + startedAt
              + ")");
    }
    if ((outcome == AttemptOutcome.IN_PROGRESS) == finishedAt.isPresent()) {
      throw new IllegalArgumentException(
          outcome == AttemptOutcome.IN_PROGRESS
              ? "an attempt in progress has no finish time"
              : "a finished attempt (" + outcome + ") needs its finish time");
    }
  }

  /** An attempt the caller has just started on a decision's word. */
  public static GrowthAttempt started(Decision decision) {
    Growth growth =
        decision
            .growth()
            .orElseThrow(() -> new IllegalArgumentException("the decision was not to grow"));
    return new GrowthAttempt(
        decision.at(),
        Optional.empty(),
        growth.rule(),
        growth.action().kind(),
        AttemptOutcome.IN_PROGRESS);
  }

  public GrowthAttempt finished(Instant at, AttemptOutcome how) {
    if (how == AttemptOutcome.IN_PROGRESS) {
      throw new IllegalArgumentException("finishing needs an outcome other than IN_PROGRESS");
    }
    return new GrowthAttempt(startedAt, Optional.of(at), rule, kind, how);
  }

  /** The last moment this attempt was active: its finish, or its start if it has not finished. */
  public Instant lastActive() {
    return finishedAt.orElse(startedAt);
  }
}
