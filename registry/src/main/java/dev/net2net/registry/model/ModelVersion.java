package dev.net2net.registry.model;

import dev.net2net.registry.artifact.StoredArtifact;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** A registered version, as stored. Everything but its state is immutable. */
public record ModelVersion(
    long id,
    VersionRef ref,
    Optional<Integer> parent,
    Optional<Transform> transform,
    String architecture,
    long parameterCount,
    DatasetSnapshot dataset,
    OptionalDouble preservationError,
    VersionState state,
    StoredArtifact artifact,
    Instant createdAt,
    Instant updatedAt) {

  public ModelVersion {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(preservationError, "preservationError");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public ModelName model() {
    return ref.model();
  }

  public int number() {
    return ref.number();
  }

  public Optional<VersionRef> parentRef() {
    return parent.map(p -> new VersionRef(ref.model(), p));
  }
}
