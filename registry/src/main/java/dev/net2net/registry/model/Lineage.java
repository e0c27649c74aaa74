package dev.net2net.registry.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a version comes from and what grew out of it: its ancestors from the seed down to its
 * parent, the version itself, and all its descendants at any depth (ordered by version number).
 */
public record Lineage(
    List<ModelVersion> ancestors, ModelVersion version, List<ModelVersion> descendants) {
  public Lineage {
    ancestors = List.copyOf(ancestors);
    Objects.requireNonNull(version, "version");
    descendants = List.copyOf(descendants);
  }

  /** The direct children of {@code number} among the descendants (or of the version itself). */
  public List<ModelVersion> childrenOf(int number) {
    return childrenByParent().getOrDefault(number, List.of());
  }

  /** Children grouped by parent number, each list ordered by version number. */
  public Map<Integer, List<ModelVersion>> childrenByParent() {
    return descendants.stream()
        .sorted(Comparator.comparingInt(ModelVersion::number))
        .collect(Collectors.groupingBy(v -> v.parent().orElseThrow(), Collectors.toList()));
  }

  /** Seed first, then down to and including the version. */
  public List<ModelVersion> pathFromSeed() {
    List<ModelVersion> path = new ArrayList<>(ancestors);
    path.add(version);
    return path;
  }
}
