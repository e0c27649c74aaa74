package dev.net2net.registry.decision;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.job.GrowthJobs;
import dev.net2net.registry.model.ModelName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tournaments: one policy decision with one growth job per candidate, so that the candidates are
 * trained by whichever workers claim them, on any replica. A tournament is decided exactly once:
 * {@link #resolveOnce} locks the decision's row, and only while the decision is still {@code
 * enqueued} and every candidate has ended (or the deadline has passed) runs the resolution, in the
 * same transaction as whatever the caller is committing. A candidate's own commit takes the same
 * lock first ({@link #underDecisionLock}), so two last candidates finishing at once are serialised
 * and the second one sees the first's result. Obtain from {@code Registry.tournaments()}.
 */
public final class Tournaments {
  private final Database database;
  private final Decisions decisions;
  private final GrowthJobs jobs;

  public Tournaments(Database database, Decisions decisions, GrowthJobs jobs) {
    this.database = database;
    this.decisions = decisions;
    this.jobs = jobs;
  }

  /**
   * Records the decision (a growth of kind {@code tournament}) with its deadline, and one job per
   * candidate spec, in one transaction: a crash never leaves a tournament with some of its
   * candidates.
   */
  public Tournament enter(
      NewDecision decision, Duration deadline, List<JsonDocument> candidateSpecs, int maxAttempts) {
    Objects.requireNonNull(deadline, "deadline");
    if (decision.growthKind().orElse(null) != GrowthKind.TOURNAMENT
        || decision.outcome() != DecisionOutcome.ENQUEUED) {
      throw new IllegalArgumentException(
          "a tournament is an enqueued decision of kind tournament, not " + decision);
    }
    if (candidateSpecs.size() < 2) {
      throw new IllegalArgumentException(
          "a tournament needs at least two candidates, got " + candidateSpecs.size());
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("a tournament's deadline must be positive: " + deadline);
    }
    return database.inTransaction(
        "entering a tournament of " + candidateSpecs.size() + " candidates",
        connection -> {
          PolicyDecision recorded = decisions.record(decision);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE policy_decisions SET deadline_at = decided_at + ? * interval '1 millisecond'"
                      + " WHERE id = ?")) {
            statement.setLong(1, deadline.toMillis());
            statement.setLong(2, recorded.id());
            statement.executeUpdate();
          }
          jobs.enqueueCandidates(decision.model(), recorded.id(), candidateSpecs, maxAttempts);
          return find(connection, recorded.id()).orElseThrow();
        });
  }

  /** The tournament of {@code decisionId}, if that decision is one. */
  public Optional<Tournament> find(long decisionId) {
    return database.autoCommit(
        "reading the tournament of decision " + decisionId,
        connection -> find(connection, decisionId));
  }

  /** The model's tournaments among its newest {@code limit} decisions, newest first. */
  public List<Tournament> recent(ModelName model, int limit) {
    List<Tournament> found = new ArrayList<>();
    for (PolicyDecision d : decisions.recent(model, limit)) {
      if (d.growthKind().orElse(null) == GrowthKind.TOURNAMENT) {
        find(d.id()).ifPresent(found::add);
      }
    }
    return found;
  }

  /**
   * Open tournaments that may be decided now (every candidate ended, or the deadline passed),
   * oldest first: what a resolver sweeps for, in case the last candidate's worker did not decide it
   * (it failed for good, or the deadline passed while candidates were still waiting).
   */
  public List<Long> due() {
    return database.autoCommit(
        "looking for tournaments to decide",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT d.id FROM policy_decisions d"
                      + " WHERE d.growth_kind = 'tournament' AND d.outcome = 'enqueued'"
                      + "   AND (d.deadline_at < clock_timestamp() OR NOT EXISTS ("
                      + "     SELECT 1 FROM growth_jobs j WHERE j.decision_id = d.id"
                      + "        AND j.status IN ('queued', 'running')))"
                      + " ORDER BY d.id")) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Runs {@code work} in a transaction (or the caller's) that first locks the decision's row: a
   * candidate's commit takes this lock before its job's, as {@link #resolveOnce} does, so the two
   * never wait for each other in opposite orders.
   */
  public <T> T underDecisionLock(long decisionId, Supplier<T> work) {
    return database.inTransaction(
        "working under the lock of decision " + decisionId,
        connection -> {
          lock(connection, decisionId);
          return work.get();
        });
  }

  /**
   * Decides the tournament at most once. With the decision's row locked: if the decision is still
   * enqueued and every candidate has ended or the deadline has passed, the candidates still queued
   * or running are failed (the deadline passed without them), and {@code resolution} runs with the
   * tournament as it now stands, in this transaction (its registry calls join it; it must resolve
   * the decision). Otherwise nothing happens and the answer is empty. Joins the caller's
   * transaction, so a candidate's commit can decide the tournament together with its own result.
   */
  public <T> Optional<T> resolveOnce(long decisionId, Function<Tournament, T> resolution) {
    return database.inTransaction(
        "deciding the tournament of decision " + decisionId,
        connection -> {
          lock(connection, decisionId);
          Tournament tournament =
              find(connection, decisionId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "policy decision " + decisionId + " is no tournament"));
          if (tournament.resolved() || !tournament.decidable()) {
            return Optional.<T>empty();
          }
          if (!tournament.allEnded()) {
            jobs.failUnfinishedCandidates(
                decisionId,
                "the tournament's deadline ("
                    + tournament.deadline()
                    + ") passed before this candidate ended");
            tournament = find(connection, decisionId).orElseThrow();
          }
          T result = resolution.apply(tournament);
          if (!find(connection, decisionId).orElseThrow().resolved()) {
            throw new IllegalStateException(
                "the resolution of tournament " + decisionId + " did not resolve its decision");
          }
          return Optional.of(result);
        });
  }

  private static void lock(Connection connection, long decisionId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM policy_decisions WHERE id = ? FOR UPDATE")) {
      statement.setLong(1, decisionId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("unknown policy decision " + decisionId);
        }
      }
    }
  }

  private Optional<Tournament> find(Connection connection, long decisionId) throws SQLException {
    Instant deadline;
    boolean passed;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT deadline_at, deadline_at < clock_timestamp() AS passed FROM policy_decisions"
                + " WHERE id = ? AND deadline_at IS NOT NULL")) {
      statement.setLong(1, decisionId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        deadline = Rows.instant(rs, "deadline_at");
        passed = rs.getBoolean("passed");
      }
    }
    return Optional.of(
        new Tournament(decisions.get(decisionId), deadline, passed, jobs.candidatesOf(decisionId)));
  }
}
