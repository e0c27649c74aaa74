package dev.net2net.registry.shard;

import dev.net2net.registry.Sha256;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dataset shard seen by the daemon: its file, checksum and row count, ingested or quarantined.
 */
public record NewShard(
    String dataset,
    String path,
    Sha256 sha256,
    long rows,
    ShardStatus status,
    Optional<String> reason) {
  private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public NewShard {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    if (!DATASET.matcher(dataset).matches()) {
      throw new IllegalArgumentException(
          "invalid dataset name '"
              + dataset
              + "': use letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (path.isBlank()) {
      throw new IllegalArgumentException("a shard needs a path");
    }
    if (rows < 0) {
      throw new IllegalArgumentException("shard rows must not be negative, was " + rows);
    }
    if ((status == ShardStatus.QUARANTINED) != reason.filter(r -> !r.isBlank()).isPresent()) {
      throw new IllegalArgumentException(
          status == ShardStatus.QUARANTINED
              ? "a quarantined shard needs a reason"
              : "only a quarantined shard carries a reason");
    }
  }

  public static NewShard ingested(String dataset, String path, Sha256 sha256, long rows) {
    return new NewShard(dataset, path, sha256, rows, ShardStatus.INGESTED, Optional.empty());
  }

  public static NewShard quarantined(
      String dataset, String path, Sha256 sha256, long rows, String reason) {
    return new NewShard(
        dataset, path, sha256, rows, ShardStatus.QUARANTINED, Optional.ofNullable(reason));
  }
}
