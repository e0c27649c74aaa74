package dev.net2net.daemon.data;

import dev.net2net.datasets.cache.CacheFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data of one model: the cache file of every ingested shard, in ingestion order. Holds no rows
 * in memory; training and evaluation stream them from the files. Shards are added by the folder
 * watcher; a job takes one snapshot and trains and validates on it, so a shard that arrives
 * meanwhile counts from the next job on, never in the middle of an epoch.
 */
public final class Dataset {
  /** An immutable view of the shards ingested so far. */
  public record Snapshot(List<CacheFile> shards, long rows) {
    public Snapshot {
      shards = List.copyOf(shards);
    }

    public long trainingRows() {
      return shards.stream().mapToLong(CacheFile::trainRows).sum();
    }

    public long holdoutRows() {
      return shards.stream().mapToLong(CacheFile::holdoutRows).sum();
    }
  }

  private final String name;
  private final AtomicReference<Snapshot> current =
      new AtomicReference<>(new Snapshot(List.of(), 0));

  public Dataset(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public Snapshot snapshot() {
    return current.get();
  }

  /** Rows ingested so far, training and held out. */
  public long rows() {
    return current.get().rows();
  }

  public void add(CacheFile shard) {
    current.updateAndGet(
        s -> {
          List<CacheFile> shards = new ArrayList<>(s.shards());
          shards.add(shard);
          return new Snapshot(shards, s.rows() + shard.trainRows() + shard.holdoutRows());
        });
  }
}
