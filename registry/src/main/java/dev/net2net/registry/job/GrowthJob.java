package dev.net2net.registry.job;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A growth job as stored. Lease fields are present exactly while it is running; {@code candidate}
 * is its place (0, 1, ...) in its decision's tournament, absent for a job of its own.
 */
public record GrowthJob(
    long id,
    ModelName model,
    String dedupeKey,
    Optional<Long> decisionId,
    JsonDocument spec,
    JobStatus status,
    int attempts,
    int maxAttempts,
    Instant runAfter,
    Optional<String> leaseOwner,
    Optional<Instant> leaseExpiresAt,
    Optional<String> lastError,
    Optional<Integer> resultVersion,
    Instant createdAt,
    Optional<Instant> finishedAt,
    OptionalInt candidate) {
  public GrowthJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(runAfter, "runAfter");
    Objects.requireNonNull(leaseOwner, "leaseOwner");
    Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(resultVersion, "resultVersion");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(candidate, "candidate");
  }
}
