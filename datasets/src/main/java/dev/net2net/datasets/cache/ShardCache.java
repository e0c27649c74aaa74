package dev.net2net.datasets.cache;

import dev.net2net.datasets.read.ShardReader;
import dev.net2net.datasets.split.HoldoutRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a shard's cache or makes it: a cache that exists, is intact (checksums, size), was built
 * from the same source and under the same holdout rule is used as it is; anything else is converted
 * again from the shard. A shard is therefore parsed once per machine, and a damaged cache is never
 * trained on.
 */
public final class ShardCache {
  private ShardCache() {}

  /** The cache and, when it had to be (re)built, why. */
  public record Ensured(CacheFile file, Optional<String> rebuiltBecause, boolean built) {}

  public static Ensured ensure(
      Path cachePath, String source, HoldoutRule rule, Supplier<ShardReader> reader) {
    Optional<String> reason = Optional.empty();
    if (Files.exists(cachePath)) {
      try {
        CacheFile existing = CacheFile.openVerified(cachePath);
        CacheHeader h = existing.header();
        if (!h.source().equals(source)) {
          reason = Optional.of(cachePath + ": built from another source (" + h.source() + ")");
        } else if (h.holdoutCode() != rule.code() || h.holdoutFraction() != rule.fraction()) {
          reason =
              Optional.of(
                  cachePath
                      + ": built under another holdout rule (fraction "
                      + h.holdoutFraction()
                      + ")");
        } else {
          return new Ensured(existing, Optional.empty(), false);
        }
      } catch (CacheException e) {
        reason = Optional.of(e.getMessage());
      }
    }
    return new Ensured(build(cachePath, source, rule, reader.get()), reason, true);
  }

  /** Converts a shard into a cache file at {@code cachePath}; a refused shard leaves no file. */
  public static CacheFile build(
      Path cachePath, String source, HoldoutRule rule, ShardReader reader) {
    try (CacheWriter writer = new CacheWriter(cachePath, rule, source)) {
      reader.read(writer);
      return writer.finish();
    }
  }
}
