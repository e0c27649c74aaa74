package dev.net2net.registry.job;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.model.ModelName;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A growth job to enqueue. The {@code dedupeKey} names the intent (e.g. {@code decision:42}):
 * enqueuing the same key again returns the existing job, so retrying after a crash never creates a
 * second one. It becomes claimable {@code delay} after it is enqueued (a backoff), at once by
 * default.
 */
public record NewJob(
    ModelName model,
    String dedupeKey,
    JsonDocument spec,
    Optional<Long> decisionId,
    int maxAttempts,
    Duration delay) {
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public NewJob {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a job's delay must not be negative, was " + delay);
    }
    if (dedupeKey.isBlank()) {
      throw new IllegalArgumentException("a growth job needs a non-blank dedupe key");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }

  public NewJob(
      ModelName model,
      String dedupeKey,
      JsonDocument spec,
      Optional<Long> decisionId,
      int maxAttempts) {
    this(model, dedupeKey, spec, decisionId, maxAttempts, Duration.ZERO);
  }

  public static NewJob of(ModelName model, String dedupeKey, JsonDocument spec) {
    return new NewJob(model, dedupeKey, spec, Optional.empty(), DEFAULT_MAX_ATTEMPTS);
  }

  public NewJob forDecision(long decision) {
    return new NewJob(model, dedupeKey, spec, Optional.of(decision), maxAttempts, delay);
  }

  public NewJob withMaxAttempts(int attempts) {
    return new NewJob(model, dedupeKey, spec, decisionId, attempts, delay);
  }

  public NewJob withDelay(Duration wait) {
    return new NewJob(model, dedupeKey, spec, decisionId, maxAttempts, wait);
  }
}
