package dev.net2net.registry.model;

import java.util.List;
import java.util.Objects;

/**
 * A version with all its metrics (by split, metric, epoch; final values last) and the aliases on
 * it.
 */
public record VersionDetails(ModelVersion version, List<Metric> metrics, List<AliasName> aliases) {
  public VersionDetails {
    Objects.requireNonNull(version, "version");
    metrics = List.copyOf(metrics);
    aliases = List.copyOf(aliases);
  }
}
