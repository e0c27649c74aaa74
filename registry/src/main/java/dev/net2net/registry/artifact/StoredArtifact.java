package dev.net2net.registry.artifact;

import dev.net2net.registry.Sha256;
import java.net.URI;
import java.util.Objects;

/** An artifact as the registry records it: its checksum, its size, and where it was stored. */
public record StoredArtifact(Sha256 sha256, long size, URI uri) {
  public StoredArtifact {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(uri, "uri");
    if (size < 0) {
      throw new IllegalArgumentException("artifact size must not be negative, was " + size);
    }
  }
}
