package dev.net2net.daemon.data;

import dev.net2net.datasets.read.ShardSource;
import dev.net2net.registry.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 that identifies a shard: of its files' bytes in order, or for a folder of images of
 * every file's path (relative to the folder) and bytes, in path order, so that a renamed or changed
 * image makes another shard.
 */
public final class ShardDigest {
  private ShardDigest() {}

  public static Sha256 of(ShardSource shard) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    for (Path file : shard.files()) {
      if (Files.isDirectory(file)) {
        List<Path> inside;
        try (Stream<Path> walk = Files.walk(file)) {
          inside = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : inside) {
          digest.update(
              file.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          add(digest, f);
        }
      } else {
        add(digest, file);
      }
    }
    return Sha256.fromDigest(digest);
  }

  private static void add(MessageDigest digest, Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
