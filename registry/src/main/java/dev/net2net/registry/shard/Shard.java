package dev.net2net.registry.shard;

import dev.net2net.registry.Sha256;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A recorded dataset shard. */
public record Shard(
    long id,
    String dataset,
    String path,
    Sha256 sha256,
    long rows,
    ShardStatus status,
    Optional<String> reason,
    Instant recordedAt) {
  public Shard {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
