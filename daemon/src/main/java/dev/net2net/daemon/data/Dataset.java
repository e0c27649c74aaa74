package dev.net2net.daemon.data;

import dev.net2net.datasets.LabeledImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The training data of one model: every ingested shard, in ingestion order. Shards are added by the
 * folder watcher and read by training; readers get an immutable snapshot.
 */
public final class Dataset {
  /** An immutable view of the shards ingested so far. */
  public record Snapshot(List<LabeledImages> shards, long rows) {
    public Snapshot {
      shards = List.copyOf(shards);
    }

    public Optional<LabeledImages> all() {
      return shards.isEmpty() ? Optional.empty() : Optional.of(LabeledImages.concat(shards));
    }
  }

  private final String name;
  private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(List.of(), 0));

  public Dataset(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public Snapshot snapshot() {
    return current.get();
  }

  public long rows() {
    return current.get().rows();
  }

  public void add(LabeledImages shard) {
    current.updateAndGet(s -> {
      List<LabeledImages> shards = new ArrayList<>(s.shards());
      shards.add(shard);
      return new Snapshot(shards, s.rows() + shard.size());
    });
  }
}
