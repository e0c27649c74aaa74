package dev.net2net.registry.shard;

import java.util.Objects;

/**
 * The stored shard and whether this call recorded it ({@code false}: it had been recorded before).
 */
public record ShardRecording(Shard shard, boolean newlyRecorded) {
  public ShardRecording {
    Objects.requireNonNull(shard, "shard");
  }
}
