package dev.net2net.registry.decision;

import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tournament as stored: its decision, its deadline, whether the deadline has passed (in database
 * time, so replicas' clocks do not matter), and one growth job per candidate in candidate order.
 */
public record Tournament(
    PolicyDecision decision, Instant deadline, boolean deadlinePassed, List<GrowthJob> candidates) {
  public Tournament {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(deadline, "deadline");
    candidates = List.copyOf(candidates);
  }

  /** Whether every candidate job has ended, succeeded or failed. */
  public boolean allEnded() {
    return candidates.stream()
        .allMatch(j -> j.status() == JobStatus.SUCCEEDED || j.status() == JobStatus.FAILED);
  }

  /** Whether it may be decided now: every candidate ended, or the deadline passed. */
  public boolean decidable() {
    return allEnded() || deadlinePassed;
  }

  /** Whether it has been decided (its decision is no longer enqueued). */
  public boolean resolved() {
    return decision.outcome() != DecisionOutcome.ENQUEUED;
  }
}
