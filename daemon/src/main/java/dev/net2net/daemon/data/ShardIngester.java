package dev.net2net.daemon.data;

import dev.net2net.registry.Failpoints;
import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.registry.Registry;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.shard.NewShard;
import dev.net2net.registry.shard.Shard;
import dev.net2net.registry.shard.ShardRecording;
import dev.net2net.registry.shard.ShardStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the shards in a model's folder into training data, each exactly once: recorded in the registry
 * (path and checksum) before it counts, reloaded from the registry's list after a restart, and a
 * corrupt shard moved to {@code quarantine/} and recorded as such. Blocking; runs on one worker thread
 * per model.
 */
public final class ShardIngester {
  private static final Logger LOG = LoggerFactory.getLogger(ShardIngester.class);

  /** What one scan found; {@code unrecognized}: the files in the folder that are no shard's. */
  public record ScanResult(List<Shard> ingested, List<Shard> quarantined, long rows, List<Path> unrecognized) {
    public ScanResult {
      ingested = List.copyOf(ingested);
      quarantined = List.copyOf(quarantined);
      unrecognized = List.copyOf(unrecognized);
    }

    public boolean changed() {
      return !ingested.isEmpty() || !quarantined.isEmpty();
    }
  }

  private final Registry registry;
  private final Dataset dataset;
  private final ShardFolder folder;
  private final Set<String> known = new HashSet<>();

  public ShardIngester(Registry registry, Dataset dataset, ShardFolder folder) {
    this.registry = registry;
    this.dataset = dataset;
    this.folder = folder;
  }

  /** Loads the shards the registry says were ingested before, so a restart neither re-counts nor loses data. */
  public long restore() {
    for (Shard shard : registry.shards().list(dataset.name())) {
      known.add(key(shard.path(), shard.sha256()));
      if (shard.status() != ShardStatus.INGESTED) {
        continue;
      }
      Path path = Path.of(shard.path());
      try {
        ShardFile file = asShardFile(path);
        Sha256 now = file.checksum();
        if (!now.equals(shard.sha256())) {
          LOG.warn("shard {} changed since it was ingested (sha256 {} -> {}); it is not used", path,
              shard.sha256().shortHex(), now.shortHex());
          continue;
        }
        dataset.add(file.read());
      } catch (IOException | DatasetException e) {
        LOG.warn("shard {} was ingested but cannot be read now ({}); it is not used", path, e.getMessage());
      }
    }
    return dataset.rows();
  }

  private ShardFile asShardFile(Path path) throws IOException {
    if (path.getFileName().toString().endsWith(".csv")) {
      return new ShardFile(path, List.of(path), ShardFile.Kind.CSV);
    }
    String name = path.getFileName().toString();
    String stem = name.replaceFirst("-images-idx3-ubyte(\\.gz)?$", "");
    Path labels = path.resolveSibling(stem + "-labels-idx1-ubyte" + (name.endsWith(".gz") ? ".gz" : ""));
    if (!Files.exists(path) || !Files.exists(labels)) {
      throw new IOException("its files are gone");
    }
    return new ShardFile(path, List.of(path, labels), ShardFile.Kind.IDX);
  }

  /** Scans the folder once and ingests or quarantines every new settled shard. */
  public ScanResult scan() throws IOException {
    List<Shard> ingested = new ArrayList<>();
    List<Shard> quarantined = new ArrayList<>();
    for (ShardFile file : folder.scan()) {
      Sha256 sha = file.checksum();
      String key = key(file.path().toString(), sha);
      if (known.contains(key)) {
        continue;
      }
      LabeledImages images;
      try {
        images = file.read();
      } catch (DatasetException e) {
        folder.quarantine(file);
        ShardRecording r = registry.shards().record(NewShard.quarantined(dataset.name(), file.path().toString(), sha, 0,
            e.getMessage()));
        known.add(key);
        quarantined.add(r.shard());
        LOG.warn("quarantined shard {}: {}", file.path(), e.getMessage());
        continue;
      }
      ShardRecording r = registry.shards().record(NewShard.ingested(dataset.name(), file.path().toString(), sha,
          images.size()));
      known.add(key);
      Failpoints.reach("shard-ingestion");
      if (r.shard().status() == ShardStatus.INGESTED) {
        dataset.add(images);
        ingested.add(r.shard());
      }
    }
    return new ScanResult(ingested, quarantined, dataset.rows(), folder.unrecognized());
  }

  private static String key(String path, Sha256 sha) {
    return path + "#" + sha.hex();
  }
}
