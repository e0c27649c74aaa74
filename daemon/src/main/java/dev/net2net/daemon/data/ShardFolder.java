package dev.net2net.daemon.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder that shards are dropped into. A shard is offered only once its files have stopped
 * changing between two scans (a writer that copies in place is never read half-way); hidden files
 * (a writer's temporary names) and sub-folders are ignored; any other file whose name is no shard's
 * is listed by {@link #unrecognized()}.
 */
public final class ShardFolder {
  private static final Pattern IMAGES = Pattern.compile("(.+)-images-idx3-ubyte(\\.gz)?");
  private static final Pattern LABELS = Pattern.compile("(.+)-labels-idx1-ubyte(\\.gz)?");
  public static final String QUARANTINE = "quarantine";

  private final Path folder;
  private final Map<Path, Stamp> lastSeen = new HashMap<>();
  private List<Path> unrecognized = List.of();

  private record Stamp(long size, FileTime modified) {}

  public ShardFolder(Path folder) {
    this.folder = folder;
  }

  public Path path() {
    return folder;
  }

  /** The complete, settled shards in the folder now. Not thread-safe: one scanner per folder. */
  public List<ShardFile> scan() throws IOException {
    Files.createDirectories(folder);
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
    Map<Path, Stamp> now = new HashMap<>();
    for (Path f : files) {
      now.put(f, new Stamp(Files.size(f), Files.getLastModifiedTime(f)));
    }
    List<ShardFile> shards = new ArrayList<>();
    List<Path> strangers = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Optional<ShardFile> shard = Optional.empty();
      Matcher images = IMAGES.matcher(name);
      if (images.matches()) {
        shard = labelsFor(images.group(1)).map(labels -> new ShardFile(f, List.of(f, labels), ShardFile.Kind.IDX));
      } else if (name.endsWith(".csv")) {
        shard = Optional.of(new ShardFile(f, List.of(f), ShardFile.Kind.CSV));
      } else if (!LABELS.matcher(name).matches()) {
        strangers.add(f);
      }
      shard.filter(s -> s.files().stream().allMatch(p -> settled(p, now.get(p)))).ifPresent(shards::add);
    }
    lastSeen.clear();
    lastSeen.putAll(now);
    unrecognized = List.copyOf(strangers);
    return shards;
  }

  /**
   * The files the last scan found that are no shard's, by name (e.g. {@code garbage.bin}, {@code x.gz}):
   * never read, left where they are, and reported so that the operator learns why they are not data.
   */
  public List<Path> unrecognized() {
    return unrecognized;
  }

  private Optional<Path> labelsFor(String stem) {
    for (String candidate : new String[] {stem + "-labels-idx1-ubyte.gz", stem + "-labels-idx1-ubyte"}) {
      Path p = folder.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private boolean settled(Path file, Stamp stamp) {
    return stamp != null && stamp.equals(lastSeen.get(file));
  }

  /** Moves a shard's files into {@code quarantine/}, out of the way of later scans. */
  public void quarantine(ShardFile shard) throws IOException {
    Path target = folder.resolve(QUARANTINE);
    Files.createDirectories(target);
    for (Path f : shard.files()) {
      if (Files.exists(f)) {
        Files.move(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
