package dev.net2net.registry.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the caller knows about a version it is registering; the registry adds the number, the
 * artifact checksum and the timestamps. Only a seed has no parent, and exactly the versions with a
 * parent carry the transform that made them. Build with {@link #seed} or {@link #grown}, then
 * {@link #withState}.
 */
public record NewVersion(
    ModelName model,
    Optional<Integer> parent,
    Optional<Transform> transform,
    String architecture,
    long parameterCount,
    DatasetSnapshot dataset,
    OptionalDouble preservationError,
    VersionState state) {

  public NewVersion {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(preservationError, "preservationError");
    Objects.requireNonNull(state, "state");
    if (parent.isPresent() != transform.isPresent()) {
      throw new IllegalArgumentException(
          parent.isPresent()
              ? "version of "
                  + model
                  + " with parent "
                  + parent.get()
                  + " needs the transform that made it"
              : "a seed version of " + model + " (no parent) cannot have a transform");
    }
    parent.ifPresent(
        p -> {
          if (p < 1) {
            throw new IllegalArgumentException("parent version numbers start at 1, got " + p);
          }
        });
    if (architecture.isBlank()) {
      throw new IllegalArgumentException(
          "the architecture summary of a version of " + model + " is empty");
    }
    if (parameterCount < 0) {
      throw new IllegalArgumentException(
          "parameter count must not be negative, was " + parameterCount);
    }
    if (preservationError.isPresent()) {
      double error = preservationError.getAsDouble();
      if (!(error >= 0) || Double.isInfinite(error)) {
        throw new IllegalArgumentException(
            "preservation error must be finite and non-negative, was " + error);
      }
    }
  }

  /** The first version of a model, trained from scratch. State: training. */
  public static NewVersion seed(
      ModelName model, String architecture, long parameterCount, DatasetSnapshot dataset) {
    return new NewVersion(
        model,
        Optional.empty(),
        Optional.empty(),
        architecture,
        parameterCount,
        dataset,
        OptionalDouble.empty(),
        VersionState.training());
  }

  /**
   * A version grown from {@code parent} by {@code transform}, with its measured preservation error.
   */
  public static NewVersion grown(
      VersionRef parent,
      Transform transform,
      String architecture,
      long parameterCount,
      DatasetSnapshot dataset,
      double preservationError) {
    return new NewVersion(
        parent.model(),
        Optional.of(parent.number()),
        Optional.of(transform),
        architecture,
        parameterCount,
        dataset,
        OptionalDouble.of(preservationError),
        VersionState.training());
  }

  public NewVersion withState(VersionState newState) {
    return new NewVersion(
        model,
        parent,
        transform,
        architecture,
        parameterCount,
        dataset,
        preservationError,
        newState);
  }

  public NewVersion withPreservationError(OptionalDouble error) {
    return new NewVersion(
        model, parent, transform, architecture, parameterCount, dataset, error, state);
  }
}
