package dev.net2net.registry.job;

import java.util.Objects;

/** A job a worker has just claimed, with the lease it must heartbeat. */
public record ClaimedJob(GrowthJob job, Lease lease) {
  public ClaimedJob {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(lease, "lease");
  }
}
