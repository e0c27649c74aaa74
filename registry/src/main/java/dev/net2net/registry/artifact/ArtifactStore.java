package dev.net2net.registry.artifact;

import dev.net2net.registry.RegistryException;
import dev.net2net.registry.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed artifact files under a root directory: {@code ROOT/sha256/ab/abcdef...}.
 *
 * <p>Durability: bytes go to {@code ROOT/tmp/}, are fsynced, renamed atomically into place, and the
 * destination directory is fsynced, so after {@link #put} returns the file survives a crash or
 * power loss. The registry calls {@code put} before the transaction naming the artifact commits; a
 * crash in between leaves an orphan file (removed by {@link #sweep}), never a row naming a missing
 * file.
 *
 * <p>Integrity: every read recomputes the SHA-256 and compares it, and its size, with what the
 * registry recorded. A mismatch or a missing file is an {@link ArtifactIntegrityException}.
 */
public final class ArtifactStore {
  private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
  private static final int BUFFER = 64 * 1024;

  private final Path root;

  public ArtifactStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * The store an artifact was recorded in, from its URI ({@code file:ROOT/sha256/ab/abcdef...});
   * empty if the URI is not a file in that layout (then only a store with a known root can find
   * it).
   */
  public static Optional<ArtifactStore> recordedStoreOf(StoredArtifact artifact) {
    URI uri = artifact.uri();
    if (!"file".equals(uri.getScheme())) {
      return Optional.empty();
    }
    Path file = Path.of(uri);
    Path shard = file.getParent();
    Path shards = shard == null ? null : shard.getParent();
    if (shards == null
        || shards.getParent() == null
        || !file.getFileName().toString().equals(artifact.sha256().hex())
        || !shard.getFileName().toString().equals(artifact.sha256().hex().substring(0, 2))
        || !shards.getFileName().toString().equals("sha256")) {
      return Optional.empty();
    }
    return Optional.of(new ArtifactStore(shards.getParent()));
  }

  /** Where the artifact with this checksum lives (whether or not it exists). */
  public Path pathOf(Sha256 sha256) {
    return root.resolve("sha256").resolve(sha256.hex().substring(0, 2)).resolve(sha256.hex());
  }

  /**
   * Stores the bytes durably and returns their checksum, size and location. Storing bytes that are
   * already present is cheap and harmless; a present file that no longer matches its name (bit rot,
   * a truncated copy) is replaced by the fresh bytes.
   */
  public StoredArtifact put(ArtifactSource source) {
    Path temporaryDirectory = root.resolve("tmp");
    Path temporary = temporaryDirectory.resolve(UUID.randomUUID() + ".partial");
    try {
      Files.createDirectories(temporaryDirectory);
      MessageDigest digest = Sha256.newDigest();
      long size = 0;
      try (InputStream in = source.open();
          FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
        out.flush();
        channel.force(true);
      }
      dev.net2net.registry.Failpoints.reach("artifact-write");
      Sha256 sha256 = Sha256.fromDigest(digest);
      Path target = pathOf(sha256);
      if (Files.exists(target) && matches(target, sha256, size)) {
        Files.delete(temporary);
      } else {
        Path directory = target.getParent();
        boolean created = !Files.isDirectory(directory);
        Files.createDirectories(directory);
        if (created) {
          fsyncDirectory(directory.getParent()); // make the new shard directory's entry durable too
        }
        moveAtomically(temporary, target);
        fsyncDirectory(directory);
      }
      return new StoredArtifact(sha256, size, target.toUri());
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new RegistryException(
          "storing the artifact from " + source.describe() + " under " + root + " failed: " + e, e);
    }
  }

  /** Reads the whole artifact, verifying size and checksum. */
  public byte[] read(Sha256 sha256, long expectedSize) {
    Path file = existing(sha256);
    try {
      byte[] bytes = Files.readAllBytes(file);
      Sha256 actual = Sha256.of(bytes);
      requireIntact(file, sha256, expectedSize, actual, bytes.length);
      return bytes;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Verifies the artifact in place and returns its path, for loaders that want a file (DL4J's
   * ModelSerializer). The store never rewrites a verified file, so what is loaded is what was
   * checked.
   */
  public Path verifiedPath(Sha256 sha256, long expectedSize) {
    Path file = existing(sha256);
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = Sha256.newDigest();
      long size = copy(in, OutputStream.nullOutputStream(), digest);
      requireIntact(file, sha256, expectedSize, Sha256.fromDigest(digest), size);
      return file;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Copies the artifact to {@code destination}, verifying it on the way; the destination appears
   * only if the bytes are intact (written beside it, fsynced, then renamed over it).
   */
  public void export(Sha256 sha256, long expectedSize, Path destination) {
    Path file = existing(sha256);
    Path target = destination.toAbsolutePath();
    Path temporary =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
    try {
      MessageDigest digest = Sha256.newDigest();
      long size;
      try (InputStream in = Files.newInputStream(file);
          FileChannel channel =
              FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        size = copy(in, out, digest);
        out.flush();
        channel.force(true);
      }
      requireIntact(file, sha256, expectedSize, Sha256.fromDigest(digest), size);
      moveAtomically(temporary, target);
      fsyncDirectory(target.getParent());
    } catch (IOException e) {
      throw new RegistryException("exporting " + sha256 + " to " + target + " failed: " + e, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /** Throws {@link ArtifactIntegrityException} unless the artifact is present and intact. */
  public void verify(Sha256 sha256, long expectedSize) {
    verifiedPath(sha256, expectedSize);
  }

  /**
   * Removes every artifact file whose checksum is not in {@code named}, and leftover temporary
   * files. The caller must make sure no artifact is being stored meanwhile (the registry holds a
   * database lock that registrations share), or a file written for a registration about to commit
   * could be removed.
   */
  public SweepReport sweep(Set<Sha256> named) {
    List<Sha256> removed = new ArrayList<>();
    int kept = 0;
    int temporaries = 0;
    try {
      Path shards = root.resolve("sha256");
      if (Files.isDirectory(shards)) {
        try (DirectoryStream<Path> shardDirectories = Files.newDirectoryStream(shards)) {
          for (Path shard : shardDirectories) {
            if (!Files.isDirectory(shard)) {
              continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
              for (Path file : files) {
                Sha256 sha256;
                try {
                  sha256 = new Sha256(file.getFileName().toString());
                } catch (IllegalArgumentException notAnArtifact) {
                  log.warn("Artifact sweep: leaving {} alone (its name is not a SHA-256)", file);
                  continue;
                }
                if (named.contains(sha256)) {
                  kept++;
                } else {
                  Files.deleteIfExists(file);
                  removed.add(sha256);
                  log.info("Artifact sweep: removed {} (no version names it)", file);
                }
              }
            }
            fsyncDirectory(shard);
          }
        }
      }
      Path temporaryDirectory = root.resolve("tmp");
      if (Files.isDirectory(temporaryDirectory)) {
        try (DirectoryStream<Path> files =
            Files.newDirectoryStream(temporaryDirectory, "*.partial")) {
          for (Path file : files) {
            Files.deleteIfExists(file);
            temporaries++;
            log.info("Artifact sweep: removed the interrupted write {}", file);
          }
        }
      }
    } catch (IOException e) {
      throw new RegistryException("sweeping the artifact store " + root + " failed: " + e, e);
    }
    return new SweepReport(removed, temporaries, kept);
  }

  private Path existing(Sha256 sha256) {
    Path file = pathOf(sha256);
    if (!Files.isRegularFile(file)) {
      throw new ArtifactIntegrityException(
          ArtifactIntegrityException.Problem.MISSING,
          sha256,
          "artifact " + sha256 + " is missing: no file at " + file);
    }
    return file;
  }

  private static void requireIntact(
      Path file, Sha256 expected, long expectedSize, Sha256 actual, long size) {
    if (!actual.equals(expected) || size != expectedSize) {
      throw new ArtifactIntegrityException(
          ArtifactIntegrityException.Problem.CORRUPT,
          expected,
          "artifact "
              + file
              + " is corrupt: expected "
              + expected
              + " ("
              + expectedSize
              + " bytes) but the file has "
              + actual
              + " ("
              + size
              + " bytes)");
    }
  }

  private static boolean matches(Path file, Sha256 sha256, long size) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = Sha256.newDigest();
      long actualSize = copy(in, OutputStream.nullOutputStream(), digest);
      return actualSize == size && Sha256.fromDigest(digest).equals(sha256);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static long copy(InputStream in, OutputStream out, MessageDigest digest)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      size += n;
    }
    return size;
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system cannot rename "
              + from
              + " to "
              + to
              + " atomically; keep the artifact root (and its tmp/) on one local file system",
          e);
    }
  }

  /**
   * Makes a directory's entries (a rename, a new file) durable; on Linux a directory can be
   * fsynced.
   */
  static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static RegistryException unreadable(Path file, IOException e) {
    return new RegistryException("reading the artifact " + file + " failed: " + e, e);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Not fatal: the file is under tmp/ (or a .partial beside an export) and the sweep removes
      // it.
      log.warn("Cannot remove the temporary file {}: {}", file, e.toString());
    }
  }
}
