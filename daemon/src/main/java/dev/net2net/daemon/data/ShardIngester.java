package dev.net2net.daemon.data;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.cache.CacheException;
import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.ShardSource;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.datasets.split.RowHash;
import dev.net2net.registry.Failpoints;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the shards in a model's folder into training data, each exactly once: converted into a
 * cache file (read against the model's schema, split by its holdout rule), recorded in the registry
 * (path, checksum, rows) before it counts, found again from the registry's list after a restart,
 * and a shard that does not fit moved to {@code quarantine/} and recorded as such. The cache file
 * is named after the shard's checksum, so the registry's record names it; every replica keeps its
 * own cache folder and converts shared shards it has not converted yet. Blocking; runs on one
 * worker thread per model.
 */
public final class ShardIngester {
  private static final Logger LOG = LoggerFactory.getLogger(ShardIngester.class);

  /** What one scan found; {@code unrecognized}: the files in the folder that are no shard's. */
  public record ScanResult(
      List<Shard> ingested, List<Shard> quarantined, long rows, List<Path> unrecognized) {
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
  private final DatasetSchema schema;
  private final HoldoutRule rule;
  private final Path caches;
  private final Set<String> known = new HashSet<>();

  /**
   * The last checksum of each shard with the fingerprint it had: a scan re-reads only shards that
   * changed.
   */
  private final Map<Path, Map.Entry<String, Sha256>> digests = new HashMap<>();

  public ShardIngester(
      Registry registry,
      Dataset dataset,
      ShardFolder folder,
      DatasetSchema schema,
      HoldoutRule rule,
      Path caches) {
    this.registry = registry;
    this.dataset = dataset;
    this.folder = folder;
    this.schema = schema;
    this.rule = rule;
    this.caches = caches;
  }

  /**
   * Where a shard's cache lives: named after its checksum, so the registry's record identifies it,
   * and after the schema it was read with, so a changed schema (other classes, columns or image
   * size) makes the shard be converted again rather than its old rows be trained on.
   */
  public static Path cachePath(Path caches, Path shard, Sha256 sha, DatasetSchema schema) {
    byte[] described = schema.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String schemaTag = String.format("%08x", (int) RowHash.of(described, 0, described.length));
    return caches.resolve(
        sha.hex().substring(0, 16) + "-" + schemaTag + "-" + shard.getFileName() + ".cache");
  }

  /**
   * Finds the shards the registry says were ingested before, so a restart neither re-counts nor
   * loses data: an intact cache built from the recorded checksum is used as it is (the shard is not
   * read); a missing, stale or corrupt one is converted again from the shard, once its checksum is
   * confirmed.
   */
  public long restore() {
    for (Shard shard : registry.shards().list(dataset.name())) {
      known.add(key(shard.path(), shard.sha256()));
      if (shard.status() != ShardStatus.INGESTED) {
        continue;
      }
      Path path = Path.of(shard.path());
      Path cache = cachePath(caches, path, shard.sha256(), schema);
      Optional<CacheFile> intact = intact(cache, shard.sha256());
      if (intact.isPresent()) {
        dataset.add(intact.get());
        continue;
      }
      try {
        Optional<ShardSource> source = ShardSource.recognise(path);
        if (source.isEmpty() || !Files.exists(path)) {
          LOG.warn(
              "shard {} was ingested but its files are gone and it has no intact cache; it is not used",
              path);
          continue;
        }
        Sha256 now = ShardDigest.of(source.get());
        if (!now.equals(shard.sha256())) {
          LOG.warn(
              "shard {} changed since it was ingested (sha256 {} -> {}); it is not used",
              path,
              shard.sha256().shortHex(),
              now.shortHex());
          continue;
        }
        ShardCache.Ensured built =
            ShardCache.ensure(cache, shard.sha256().hex(), rule, () -> source.get().reader(schema));
        built
            .rebuiltBecause()
            .ifPresent(why -> LOG.warn("cache of shard {} rebuilt: {}", path, why));
        dataset.add(built.file());
      } catch (IOException | DatasetException | CacheException e) {
        LOG.warn(
            "shard {} was ingested but cannot be read now ({}); it is not used",
            path,
            e.getMessage());
      }
    }
    return dataset.rows();
  }

  private Optional<CacheFile> intact(Path cache, Sha256 sha) {
    if (!Files.exists(cache)) {
      return Optional.empty();
    }
    try {
      CacheFile file = CacheFile.openVerified(cache);
      if (file.header().source().equals(sha.hex())
          && file.header().holdoutCode() == rule.code()
          && file.header().holdoutFraction() == rule.fraction()) {
        return Optional.of(file);
      }
      LOG.info(
          "cache {} was built from another shard or holdout rule; converting the shard again",
          cache);
    } catch (CacheException e) {
      LOG.warn("cache {} is unusable ({}); converting the shard again", cache, e.getMessage());
    }
    return Optional.empty();
  }

  /** Scans the folder once and ingests or quarantines every new settled shard. */
  public ScanResult scan() throws IOException {
    List<Shard> ingested = new ArrayList<>();
    List<Shard> quarantined = new ArrayList<>();
    for (ShardSource source : folder.scan()) {
      Sha256 sha = digest(source);
      String key = key(source.path().toString(), sha);
      if (known.contains(key)) {
        continue;
      }
      CacheFile cache;
      try {
        cache =
            ShardCache.ensure(
                    cachePath(caches, source.path(), sha, schema),
                    sha.hex(),
                    rule,
                    () -> source.reader(schema))
                .file();
        requireSameColumns(source, cache);
      } catch (DatasetException e) {
        folder.quarantine(source);
        ShardRecording r =
            registry
                .shards()
                .record(
                    NewShard.quarantined(
                        dataset.name(), source.path().toString(), sha, 0, e.getMessage()));
        known.add(key);
        quarantined.add(r.shard());
        LOG.warn("quarantined shard {}: {}", source.path(), e.getMessage());
        continue;
      }
      ShardRecording r =
          registry
              .shards()
              .record(
                  NewShard.ingested(
                      dataset.name(),
                      source.path().toString(),
                      sha,
                      cache.trainRows() + cache.holdoutRows()));
      known.add(key);
      Failpoints.reach("shard-ingestion");
      if (r.shard().status() == ShardStatus.INGESTED) {
        dataset.add(cache);
        ingested.add(r.shard());
      }
    }
    return new ScanResult(ingested, quarantined, dataset.rows(), folder.unrecognized());
  }

  private Sha256 digest(ShardSource source) throws IOException {
    String fingerprint = ShardFolder.fingerprint(source);
    Map.Entry<String, Sha256> last = digests.get(source.path());
    if (last != null && last.getKey().equals(fingerprint)) {
      return last.getValue();
    }
    Sha256 sha = ShardDigest.of(source);
    digests.put(source.path(), Map.entry(fingerprint, sha));
    return sha;
  }

  /** With {@code features: all}, every shard must have the first one's feature columns. */
  private void requireSameColumns(ShardSource source, CacheFile cache) {
    List<CacheFile> shards = dataset.snapshot().shards();
    if (!shards.isEmpty()
        && shards.get(0).header().columnsDigest() != cache.header().columnsDigest()) {
      try {
        Files.deleteIfExists(cache.path());
      } catch (IOException ignored) {
        // the shard is refused either way
      }
      throw new DatasetException(
          source.path()
              + ": its feature columns differ from those of the model's first shard"
              + " ("
              + shards.get(0).layout().features()
              + " features); list the features in the schema to pick the same"
              + " columns from every shard");
    }
  }

  private static String key(String path, Sha256 sha) {
    return path + "#" + sha.hex();
  }
}
