package dev.net2net.policies.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What has happened to a model that the guards and the {@code for:} clocks depend on.
 *
 * @param attempts past growth attempts; those of the last day at least, and the last one of each
 *     rule for schedules
 * @param consecutiveFailures failed attempts since the last one that did not fail; the caller
 *     resets it on a promotion or a rejection (a rejection is a working pipeline, just not a better
 *     model)
 * @param pending since when each rule's condition has held, as the last decision returned it
 */
public record History(
    List<GrowthAttempt> attempts, int consecutiveFailures, PendingConditions pending) {

  public History {
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(pending, "pending");
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException(
          "consecutiveFailures cannot be negative, got " + consecutiveFailures);
    }
  }

  public static History empty() {
    return new History(List.of(), 0, PendingConditions.none());
  }

  public History withAttempt(GrowthAttempt attempt) {
    List<GrowthAttempt> more = new ArrayList<>(attempts);
    more.add(attempt);
    return new History(more, consecutiveFailures, pending);
  }

  /** The history after the caller stored a decision's next pending state. */
  public History withPending(PendingConditions next) {
    return new History(attempts, consecutiveFailures, next);
  }

  /** Replaces the in-progress attempt with its finished form and updates the failure streak. */
  public History withFinished(GrowthAttempt inProgress, GrowthAttempt finished) {
    List<GrowthAttempt> updated = new ArrayList<>(attempts);
    int index = updated.indexOf(inProgress);
    if (index < 0) {
      throw new IllegalArgumentException("no such attempt in the history: " + inProgress);
    }
    updated.set(index, finished);
    int failures = finished.outcome() == AttemptOutcome.FAILED ? consecutiveFailures + 1 : 0;
    return new History(updated, failures, pending);
  }

  public Optional<GrowthAttempt> lastAttempt() {
    return attempts.stream().max(Comparator.comparing(GrowthAttempt::lastActive));
  }

  public Optional<GrowthAttempt> lastAttemptOf(String rule) {
    return attempts.stream()
        .filter(a -> a.rule().equals(rule))
        .max(Comparator.comparing(GrowthAttempt::startedAt));
  }
}
