package dev.net2net.daemon.data;

import dev.net2net.datasets.read.ShardSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder that shards are dropped into: files ({@code .csv}, {@code .tsv}, either {@code .gz},
 * {@code .parquet}, IDX pairs, {@code .zip}s of images) and folders of images. A shard is offered
 * only once it has stopped changing between two scans (a writer that copies in place is never read
 * half-way); hidden names (a writer's temporary names) and {@code quarantine/} are ignored; any
 * other file whose name is no shard's is listed by {@link #unrecognized()}.
 */
public final class ShardFolder {
  public static final String QUARANTINE = "quarantine";

  /** Halves of an IDX pair: not strangers while their partner has not arrived. */
  private static final Pattern IDX_PART =
      Pattern.compile(".+-(images-idx[34]|labels-idx1)-ubyte(\\.gz)?");

  private final Path folder;
  private final Map<Path, Stamp> lastSeen = new HashMap<>();
  private List<Path> unrecognized = List.of();

  /**
   * What a file or a folder looked like at a scan: its size (the sum of a folder's files), file
   * count and latest change.
   */
  private record Stamp(long size, long files, long modified) {}

  public ShardFolder(Path folder) {
    this.folder = folder;
  }

  public Path path() {
    return folder;
  }

  /** The complete, settled shards in the folder now. Not thread-safe: one scanner per folder. */
  public List<ShardSource> scan() throws IOException {
    Files.createDirectories(folder);
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries =
          list.filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> !p.getFileName().toString().equals(QUARANTINE))
              .sorted()
              .toList();
    }
    Map<Path, Stamp> now = new HashMap<>();
    for (Path p : entries) {
      now.put(p, stamp(p));
    }
    List<ShardSource> shards = new ArrayList<>();
    List<Path> strangers = new ArrayList<>();
    for (Path p : entries) {
      Optional<ShardSource> shard = ShardSource.recognise(p);
      if (shard.isEmpty() && !IDX_PART.matcher(p.getFileName().toString()).matches()) {
        strangers.add(p);
      }
      shard
          .filter(s -> s.files().stream().allMatch(f -> settled(f, now.get(f))))
          .ifPresent(shards::add);
    }
    lastSeen.clear();
    lastSeen.putAll(now);
    unrecognized = List.copyOf(strangers);
    return shards;
  }

  /**
   * The files the last scan found that are no shard's, by name (e.g. {@code garbage.bin}, {@code
   * x.gz}): never read, left where they are, and reported so that the operator learns why they are
   * not data.
   */
  public List<Path> unrecognized() {
    return unrecognized;
  }

  /**
   * What a shard's files look like now (sizes, counts, change times): equal fingerprints, same
   * bytes, in practice.
   */
  static String fingerprint(ShardSource shard) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Path f : shard.files()) {
      b.append(f).append('|').append(stamp(f)).append('\n');
    }
    return b.toString();
  }

  private static Stamp stamp(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return new Stamp(Files.size(p), 1, Files.getLastModifiedTime(p).toMillis());
    }
    long size = 0;
    long files = 0;
    long modified = Files.getLastModifiedTime(p).toMillis();
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : (Iterable<Path>) walk::iterator) {
        modified = Math.max(modified, Files.getLastModifiedTime(f).toMillis());
        if (Files.isRegularFile(f)) {
          size += Files.size(f);
          files++;
        }
      }
    }
    return new Stamp(size, files, modified);
  }

  private boolean settled(Path file, Stamp stamp) {
    return stamp != null && stamp.equals(lastSeen.get(file));
  }

  /** Moves a shard's files into {@code quarantine/}, out of the way of later scans. */
  public void quarantine(ShardSource shard) throws IOException {
    Path target = folder.resolve(QUARANTINE);
    Files.createDirectories(target);
    for (Path f : shard.files()) {
      if (Files.exists(f)) {
        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
