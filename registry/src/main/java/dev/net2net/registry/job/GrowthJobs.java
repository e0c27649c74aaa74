package dev.net2net.registry.job;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Lookups;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Longer than 400 lines because every operation of the job queue (enqueue, claim, renew, release,
// complete, fail, expire, work under a lease) is one SQL statement in its own transaction, and
// they share the lease invariants the V4 constraints state; keeping them together keeps those
// invariants in one place.
/**
 * The durable growth-job queue. A job is a row before any work starts; workers claim with {@code
 * SELECT ... FOR UPDATE SKIP LOCKED} so two workers (threads or daemon replicas) never get the same
 * job, and hold it under a lease measured in database time. A worker that dies stops heartbeating;
 * once its lease expires the job is claimable again, up to its attempt limit. Obtain from {@code
 * Registry.jobs()}.
 */
public final class GrowthJobs {
  private static final Logger log = LoggerFactory.getLogger(GrowthJobs.class);

  private static final String COLUMNS =
      "j.id, m.name AS model_name, j.dedupe_key, j.decision_id, j.spec::text AS spec, j.status, j.attempts,"
          + " j.max_attempts, j.run_after, j.lease_owner, j.lease_expires_at, j.last_error,"
          + " rv.version_number AS result_version, j.created_at, j.finished_at, j.candidate";
  private static final String FROM =
      " FROM growth_jobs j JOIN models m ON m.id = j.model_id LEFT JOIN model_versions rv ON rv.id = j.result_version_id";

  private final Database database;

  public GrowthJobs(Database database) {
    this.database = database;
  }

  /**
   * Adds the job unless one with the same dedupe key exists, in which case that one is returned.
   */
  public Enqueued enqueue(NewJob job) {
    return database.inTransaction(
        "enqueuing growth job '" + job.dedupeKey() + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, job.model());
          Optional<Long> id;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO growth_jobs (model_id, dedupe_key, decision_id, spec, max_attempts, run_after)"
                      + " VALUES (?, ?, ?, ?::jsonb, ?, clock_timestamp() + ? * interval '1 millisecond')"
                      + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")) {
            statement.setLong(1, modelId);
            statement.setString(2, job.dedupeKey());
            EventLog.setOptionalLong(statement, 3, job.decisionId());
            statement.setString(4, job.spec().text());
            statement.setInt(5, job.maxAttempts());
            statement.setLong(6, job.delay().toMillis());
            try (ResultSet rs = statement.executeQuery()) {
              id = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
          if (id.isEmpty()) {
            return new Enqueued(byDedupeKey(connection, job.dedupeKey()), false);
          }
          EventLog.append(
              connection,
              "job.enqueued",
              Optional.of(modelId),
              Optional.empty(),
              JsonDocument.of(Map.of("job", id.get(), "dedupe_key", job.dedupeKey())));
          return new Enqueued(find(connection, id.get()).orElseThrow(), true);
        });
  }

  /**
   * Claims the oldest job that is due (queued and past its retry time, or running with an expired
   * lease), for {@code leaseLength}; a job whose expired lease was the claimant's own comes first,
   * so a restarted worker takes its interrupted job back at once. Jobs whose lease expired on their
   * last allowed attempt are marked failed first (and their decision with them), so a job that
   * keeps killing its workers does not circulate for ever.
   */
  public Optional<ClaimedJob> claim(String owner, Duration leaseLength) {
    requireOwner(owner);
    requirePositive(leaseLength);
    return database.inTransaction(
        "claiming a growth job for '" + owner + "'",
        connection -> {
          failExhaustedExpiredLeases(connection);
          UUID token = UUID.randomUUID();
          Optional<Long> claimed;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs j SET status = 'running', attempts = j.attempts + 1, lease_owner = ?, lease_token = ?,"
                      + "   lease_expires_at = clock_timestamp() + ? * interval '1 millisecond', updated_at = clock_timestamp()"
                      + " WHERE j.id = ("
                      + "   SELECT id FROM growth_jobs"
                      + "    WHERE ((status = 'queued' AND run_after <= clock_timestamp())"
                      + "        OR (status = 'running' AND lease_expires_at < clock_timestamp()))"
                      + "      AND attempts < max_attempts"
                      + "    ORDER BY (status = 'running' AND lease_owner = ?) DESC, id"
                      + "    LIMIT 1"
                      + "    FOR UPDATE SKIP LOCKED)"
                      + " RETURNING j.id")) {
            statement.setString(1, owner);
            statement.setObject(2, token);
            statement.setLong(3, leaseLength.toMillis());
            statement.setString(4, owner);
            try (ResultSet rs = statement.executeQuery()) {
              claimed = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
          if (claimed.isEmpty()) {
            return Optional.<ClaimedJob>empty();
          }
          GrowthJob job = find(connection, claimed.get()).orElseThrow();
          Lease lease = new Lease(job.id(), owner, token, job.leaseExpiresAt().orElseThrow());
          EventLog.append(
              connection,
              "job.claimed",
              Optional.of(Lookups.modelId(connection, job.model())),
              Optional.empty(),
              JsonDocument.of(Map.of("job", job.id(), "owner", owner, "attempt", job.attempts())));
          return Optional.of(new ClaimedJob(job, lease));
        });
  }

  /**
   * Extends the lease by {@code leaseLength} from now; {@link LeaseLostException} if it is no
   * longer held.
   */
  public Lease heartbeat(Lease lease, Duration leaseLength) {
    requirePositive(leaseLength);
    return database.inTransaction(
        "extending the lease on growth job " + lease.jobId(),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs SET lease_expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                      + " updated_at = clock_timestamp()"
                      + " WHERE id = ? AND status = 'running' AND lease_token = ? RETURNING lease_expires_at")) {
            statement.setLong(1, leaseLength.toMillis());
            statement.setLong(2, lease.jobId());
            statement.setObject(3, lease.token());
            try (ResultSet rs = statement.executeQuery()) {
              if (!rs.next()) {
                throw leaseLost(connection, lease);
              }
              return new Lease(
                  lease.jobId(),
                  lease.owner(),
                  lease.token(),
                  Rows.instant(rs, "lease_expires_at"));
            }
          }
        });
  }

  /**
   * Runs {@code work} in one transaction that first locks the job's row and checks that {@code
   * lease} still holds it ({@link LeaseLostException} otherwise, and nothing is written). Registry
   * calls made by {@code work} on this thread join the transaction, so what a job produces (its
   * versions, the alias move, its decision's resolution, its completion) commits only while the
   * lease is this worker's, and all together: a worker that lost its lease, even one that does not
   * know it yet, cannot register. The row lock also keeps another worker from claiming the job
   * until the transaction ends.
   */
  public <T> T underLease(Lease lease, java.util.function.Supplier<T> work) {
    return database.inTransaction(
        "working under the lease on growth job " + lease.jobId(),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT 1 FROM growth_jobs WHERE id = ? AND status = 'running' AND lease_token = ? FOR UPDATE")) {
            statement.setLong(1, lease.jobId());
            statement.setObject(2, lease.token());
            try (ResultSet rs = statement.executeQuery()) {
              if (!rs.next()) {
                throw leaseLost(connection, lease);
              }
            }
          }
          return work.get();
        });
  }

  /**
   * Hands a job back without counting the attempt (its worker is stopping, or cannot run it yet):
   * it is queued again at once, or after {@code delay}, for any worker to claim.
   */
  public GrowthJob release(Lease lease, String reason, Duration delay) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a released growth job needs a reason");
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return database.inTransaction(
        "handing back growth job " + lease.jobId(),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs SET status = 'queued', attempts = GREATEST(attempts - 1, 0),"
                      + " run_after = clock_timestamp() + ? * interval '1 millisecond', last_error = ?,"
                      + " lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = clock_timestamp()"
                      + " WHERE id = ? AND status = 'running' AND lease_token = ?")) {
            statement.setLong(1, delay.toMillis());
            statement.setString(2, reason);
            statement.setLong(3, lease.jobId());
            statement.setObject(4, lease.token());
            if (statement.executeUpdate() != 1) {
              throw leaseLost(connection, lease);
            }
          }
          GrowthJob job = find(connection, lease.jobId()).orElseThrow();
          EventLog.append(
              connection,
              "job.released",
              Optional.of(Lookups.modelId(connection, job.model())),
              Optional.empty(),
              JsonDocument.of(Map.of("job", job.id(), "reason", reason)));
          return job;
        });
  }

  /**
   * Ends the leases {@code owner} holds, as a worker starting under a name that a previous, now
   * dead, incarnation used: its jobs become claimable at once instead of after their lease. Worker
   * names must therefore be unique among live workers (the default, pid@host, is). Returns how many
   * were freed.
   */
  public int expireLeasesOf(String owner) {
    requireOwner(owner);
    return database.inTransaction(
        "expiring the leases of '" + owner + "'",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs SET lease_expires_at = clock_timestamp() - interval '1 millisecond',"
                      + " updated_at = clock_timestamp() WHERE status = 'running' AND lease_owner = ?")) {
            statement.setString(1, owner);
            return statement.executeUpdate();
          }
        });
  }

  /** Marks the job succeeded, naming the version it produced if any. */
  public GrowthJob complete(Lease lease, Optional<VersionRef> result) {
    return database.inTransaction(
        "completing growth job " + lease.jobId(),
        connection -> {
          Optional<Long> resultId = Optional.empty();
          if (result.isPresent()) {
            resultId = Optional.of(Lookups.versionId(connection, result.get()));
          }
          finish(
              connection,
              lease,
              "UPDATE growth_jobs SET status = 'succeeded', result_version_id = ?,"
                  + " lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,"
                  + " finished_at = clock_timestamp(), updated_at = clock_timestamp()"
                  + " WHERE id = ? AND status = 'running' AND lease_token = ?",
              resultId);
          GrowthJob job = find(connection, lease.jobId()).orElseThrow();
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("job", job.id());
          result.ifPresent(r -> payload.put("version", r.number()));
          EventLog.append(
              connection,
              "job.succeeded",
              Optional.of(Lookups.modelId(connection, job.model())),
              resultId,
              JsonDocument.of(payload));
          return job;
        });
  }

  /**
   * Records a failed attempt. The job is queued again after {@code retryDelay} while attempts
   * remain, otherwise it is failed for good; either way {@code reason} is kept as its last error.
   */
  public GrowthJob fail(Lease lease, String reason, Duration retryDelay) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a failed growth job needs a reason");
    }
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("retryDelay must not be negative, was " + retryDelay);
    }
    return database.inTransaction(
        "failing growth job " + lease.jobId(),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs SET"
                      + " status = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,"
                      + " run_after = clock_timestamp() + ? * interval '1 millisecond',"
                      + " finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE clock_timestamp() END,"
                      + " last_error = ?, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,"
                      + " updated_at = clock_timestamp()"
                      + " WHERE id = ? AND status = 'running' AND lease_token = ?")) {
            statement.setLong(1, retryDelay.toMillis());
            statement.setString(2, reason);
            statement.setLong(3, lease.jobId());
            statement.setObject(4, lease.token());
            if (statement.executeUpdate() != 1) {
              throw leaseLost(connection, lease);
            }
          }
          GrowthJob job = find(connection, lease.jobId()).orElseThrow();
          if (job.status() == JobStatus.FAILED) {
            resolveDecisionOfFailedJob(connection, job.id());
          }
          EventLog.append(
              connection,
              job.status() == JobStatus.FAILED ? "job.failed" : "job.retrying",
              Optional.of(Lookups.modelId(connection, job.model())),
              Optional.empty(),
              JsonDocument.of(
                  Map.of(
                      "job",
                      job.id(),
                      "attempt",
                      job.attempts(),
                      "max_attempts",
                      job.maxAttempts(),
                      "reason",
                      reason)));
          return job;
        });
  }

  /**
   * Enqueues one job per candidate of the tournament {@code decisionId}, keyed {@code
   * decision:<id>:candidate:<i>} so that retrying never adds a second; joins the caller's
   * transaction (the decision and its candidates are recorded together).
   */
  public List<GrowthJob> enqueueCandidates(
      ModelName model, long decisionId, List<JsonDocument> specs, int maxAttempts) {
    return database.inTransaction(
        "enqueuing the candidates of decision " + decisionId,
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          List<GrowthJob> jobs = new java.util.ArrayList<>();
          for (int i = 0; i < specs.size(); i++) {
            String key = "decision:" + decisionId + ":candidate:" + i;
            try (PreparedStatement statement =
                connection.prepareStatement(
                    "INSERT INTO growth_jobs (model_id, dedupe_key, decision_id, spec, max_attempts, candidate)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")) {
              statement.setLong(1, modelId);
              statement.setString(2, key);
              statement.setLong(3, decisionId);
              statement.setString(4, specs.get(i).text());
              statement.setInt(5, maxAttempts);
              statement.setInt(6, i);
              try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                  EventLog.append(
                      connection,
                      "job.enqueued",
                      Optional.of(modelId),
                      Optional.empty(),
                      JsonDocument.of(
                          Map.of(
                              "job", rs.getLong(1),
                              "dedupe_key", key,
                              "decision", decisionId,
                              "candidate", i)));
                }
              }
            }
            jobs.add(byDedupeKey(connection, key));
          }
          return jobs;
        });
  }

  /** The candidate jobs of a tournament's decision, in candidate order. */
  public List<GrowthJob> candidatesOf(long decisionId) {
    return database.autoCommit(
        "reading the candidates of decision " + decisionId,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + FROM
                      + " WHERE j.decision_id = ? AND j.candidate IS NOT NULL ORDER BY j.candidate")) {
            statement.setLong(1, decisionId);
            List<GrowthJob> jobs = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                jobs.add(job(rs));
              }
            }
            return jobs;
          }
        });
  }

  /**
   * Fails, for good, the candidates of {@code decisionId} that are still queued or running (their
   * tournament was decided without them: its deadline passed). A worker still training one loses
   * its lease at its next heartbeat and registers nothing. Returns how many were failed.
   */
  public int failUnfinishedCandidates(long decisionId, String reason) {
    return database.inTransaction(
        "giving up the unfinished candidates of decision " + decisionId,
        connection -> {
          int failed = 0;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE growth_jobs SET status = 'failed', last_error = ?,"
                      + " lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,"
                      + " finished_at = clock_timestamp(), updated_at = clock_timestamp()"
                      + " WHERE decision_id = ? AND candidate IS NOT NULL AND status IN ('queued', 'running')"
                      + " RETURNING id, model_id")) {
            statement.setString(1, reason);
            statement.setLong(2, decisionId);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                failed++;
                EventLog.append(
                    connection,
                    "job.failed",
                    Optional.of(rs.getLong(2)),
                    Optional.empty(),
                    JsonDocument.of(Map.of("job", rs.getLong(1), "reason", reason)));
              }
            }
          }
          return failed;
        });
  }

  /** Candidate jobs queued or running, of one model or of all: a tournament's work in flight. */
  public long candidatesInFlight(Optional<ModelName> model) {
    return database.autoCommit(
        "counting tournament candidates in flight",
        connection -> {
          String sql =
              "SELECT count(*) FROM growth_jobs j JOIN models m ON m.id = j.model_id"
                  + " WHERE j.candidate IS NOT NULL AND j.status IN ('queued', 'running')"
                  + (model.isPresent() ? " AND m.name = ?" : "");
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (model.isPresent()) {
              statement.setString(1, model.get().value());
            }
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  public GrowthJob get(long id) {
    return database.autoCommit(
        "reading growth job " + id,
        connection ->
            find(connection, id)
                .orElseThrow(() -> new NotFoundException("unknown growth job " + id)));
  }

  /** The newest jobs first, of one model or of all, at most {@code limit}. */
  public List<GrowthJob> recent(Optional<ModelName> model, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return database.autoCommit(
        "listing growth jobs",
        connection -> {
          String sql =
              "SELECT "
                  + COLUMNS
                  + FROM
                  + (model.isPresent() ? " WHERE m.name = ?" : "")
                  + " ORDER BY j.id DESC LIMIT ?";
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (model.isPresent()) {
              statement.setString(index++, model.get().value());
            }
            statement.setInt(index, limit);
            try (ResultSet rs = statement.executeQuery()) {
              List<GrowthJob> jobs = new java.util.ArrayList<>();
              while (rs.next()) {
                jobs.add(job(rs));
              }
              return jobs;
            }
          }
        });
  }

  /** The age of the oldest job waiting to run, if any, for the queue-age gauge. */
  public Optional<java.time.Duration> oldestQueuedAge() {
    return database.autoCommit(
        "reading the queue's age",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT extract(epoch FROM clock_timestamp() - min(created_at)) FROM growth_jobs WHERE status = 'queued'")) {
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              double seconds = rs.getDouble(1);
              return rs.wasNull()
                  ? Optional.empty()
                  : Optional.of(java.time.Duration.ofMillis((long) (seconds * 1000)));
            }
          }
        });
  }

  /** Jobs waiting or running, for the queue-depth gauge. */
  public long activeCount(Optional<ModelName> model) {
    return database.autoCommit(
        "counting growth jobs",
        connection -> {
          String sql =
              "SELECT count(*) FROM growth_jobs j JOIN models m ON m.id = j.model_id"
                  + " WHERE j.status IN ('queued', 'running')"
                  + (model.isPresent() ? " AND m.name = ?" : "");
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (model.isPresent()) {
              statement.setString(1, model.get().value());
            }
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static void failExhaustedExpiredLeases(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE growth_jobs SET status = 'failed',"
                + " last_error = 'lease of ' || lease_owner || ' expired on attempt ' || attempts || ' of ' || max_attempts,"
                + " lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,"
                + " finished_at = clock_timestamp(), updated_at = clock_timestamp()"
                + " WHERE id IN (SELECT id FROM growth_jobs WHERE status = 'running' AND lease_expires_at < clock_timestamp()"
                + "   AND attempts >= max_attempts FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, last_error")) {
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          log.warn("Growth job {} failed for good: {}", rs.getLong(1), rs.getString(2));
          resolveDecisionOfFailedJob(connection, rs.getLong(1));
        }
      }
    }
  }

  /**
   * A job the queue gave up on ends its decision too, in the same transaction, unless the decision
   * was resolved already: otherwise the decision would say "enqueued" for ever. A tournament's
   * candidate does not: its decision ends when the tournament is resolved ({@code Tournaments}),
   * which counts a failed candidate as ended.
   */
  private static void resolveDecisionOfFailedJob(Connection connection, long jobId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE policy_decisions d SET outcome = ?, updated_at = clock_timestamp()"
                + " FROM growth_jobs j WHERE j.id = ? AND d.id = j.decision_id AND d.outcome = ?"
                + " AND j.candidate IS NULL"
                + " RETURNING d.id, d.model_id")) {
      statement.setString(1, DecisionOutcome.FAILED.label());
      statement.setLong(2, jobId);
      statement.setString(3, DecisionOutcome.ENQUEUED.label());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          EventLog.append(
              connection,
              "decision.resolved",
              Optional.of(rs.getLong(2)),
              Optional.empty(),
              JsonDocument.of(
                  Map.of(
                      "decision",
                      rs.getLong(1),
                      "outcome",
                      DecisionOutcome.FAILED.label(),
                      "job",
                      jobId)));
        }
      }
    }
  }

  private void finish(Connection connection, Lease lease, String sql, Optional<Long> resultId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      EventLog.setOptionalLong(statement, 1, resultId);
      statement.setLong(2, lease.jobId());
      statement.setObject(3, lease.token());
      if (statement.executeUpdate() != 1) {
        throw leaseLost(connection, lease);
      }
    }
  }

  private static LeaseLostException leaseLost(Connection connection, Lease lease)
      throws SQLException {
    GrowthJob job =
        find(connection, lease.jobId())
            .orElseThrow(() -> new NotFoundException("unknown growth job " + lease.jobId()));
    return new LeaseLostException(
        "growth job "
            + lease.jobId()
            + " is no longer held by '"
            + lease.owner()
            + "': it is "
            + job.status().label()
            + job.leaseOwner().map(o -> " under a lease of '" + o + "'").orElse(""));
  }

  private static GrowthJob byDedupeKey(Connection connection, String dedupeKey)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE j.dedupe_key = ?")) {
      statement.setString(1, dedupeKey);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return job(rs);
      }
    }
  }

  private static Optional<GrowthJob> find(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE j.id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(job(rs)) : Optional.empty();
      }
    }
  }

  private static GrowthJob job(ResultSet rs) throws SQLException {
    return new GrowthJob(
        rs.getLong("id"),
        new ModelName(rs.getString("model_name")),
        rs.getString("dedupe_key"),
        Rows.optionalLong(rs, "decision_id"),
        JsonDocument.parse(rs.getString("spec")),
        JobStatus.fromLabel(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        Rows.instant(rs, "run_after"),
        Optional.ofNullable(rs.getString("lease_owner")),
        Rows.optionalInstant(rs, "lease_expires_at"),
        Optional.ofNullable(rs.getString("last_error")),
        Rows.optionalInt(rs, "result_version"),
        Rows.instant(rs, "created_at"),
        Rows.optionalInstant(rs, "finished_at"),
        Rows.optionalInt(rs, "candidate").map(OptionalInt::of).orElse(OptionalInt.empty()));
  }

  private static void requireOwner(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("a worker claiming a job must name itself");
    }
  }

  private static void requirePositive(Duration leaseLength) {
    if (leaseLength.isNegative() || leaseLength.isZero() || leaseLength.toMillis() < 1) {
      throw new IllegalArgumentException(
          "a lease must last at least a millisecond, was " + leaseLength);
    }
  }
}
