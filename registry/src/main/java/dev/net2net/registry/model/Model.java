package dev.net2net.registry.model;

import java.time.Instant;
import java.util.Objects;

/** A registered model. {@code latestVersion} is 0 until the first version is registered. */
public record Model(
    long id, ModelName name, String description, int latestVersion, Instant createdAt) {
  public Model {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    if (latestVersion < 0) {
      throw new IllegalArgumentException(
          "latestVersion must not be negative, was " + latestVersion);
    }
  }
}
