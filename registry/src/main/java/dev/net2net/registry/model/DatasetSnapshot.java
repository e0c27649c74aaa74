package dev.net2net.registry.model;

import dev.net2net.registry.Sha256;
import java.util.Objects;

/** The data a version was trained on: how many rows, and a digest identifying exactly which. */
public record DatasetSnapshot(long rows, Sha256 digest) {
  public DatasetSnapshot {
    Objects.requireNonNull(digest, "digest");
    if (rows < 0) {
      throw new IllegalArgumentException("dataset rows must not be negative, was " + rows);
    }
  }
}
