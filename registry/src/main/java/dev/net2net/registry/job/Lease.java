package dev.net2net.registry.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A worker's hold on a running job. The token is new at every claim, so a worker whose lease
 * expired and was taken over cannot heartbeat, complete or fail the job any more ({@link
 * LeaseLostException}).
 */
public record Lease(long jobId, String owner, UUID token, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
