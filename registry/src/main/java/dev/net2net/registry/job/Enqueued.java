package dev.net2net.registry.job;

import java.util.Objects;

/** The job for a dedupe key, and whether this call created it (false: it existed already). */
public record Enqueued(GrowthJob job, boolean created) {
  public Enqueued {
    Objects.requireNonNull(job, "job");
  }
}
