package dev.net2net.daemon.http;

import dev.net2net.registry.Registry;
import dev.net2net.registry.alias.AliasMove;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.Model;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the registry knows about one model's growth, read once (a handful of queries, none per
 * version): its versions with their metrics, the decision that made each grown version, its aliases
 * and every move of the champion. The lineage page and the model card are views of it.
 */
record ModelHistory(
    Model model,
    List<ModelVersion> versions,
    Map<Integer, List<Metric>> metrics,
    Map<Integer, PolicyDecision> decisionByVersion,
    Map<AliasName, Integer> aliases,
    List<AliasMove> championMoves) {

  ModelHistory {
    Objects.requireNonNull(model, "model");
    versions = List.copyOf(versions);
    metrics = Map.copyOf(metrics);
    decisionByVersion = Map.copyOf(decisionByVersion);
    aliases = Map.copyOf(aliases);
    championMoves = List.copyOf(championMoves);
  }

  static ModelHistory read(Registry registry, ModelName name) {
    Model model = registry.models().get(name);
    List<ModelVersion> versions = registry.versions().list(name);
    Map<Integer, List<Metric>> metrics = registry.versions().metricsOfModel(name);
    Map<Integer, PolicyDecision> decisions = new HashMap<>();
    // A decision names its version once; if a retried job left two, the later one is what counts.
    registry
        .decisions()
        .withResultingVersion(name)
        .forEach(d -> decisions.put(d.resultingVersion().orElseThrow(), d));
    return new ModelHistory(
        model,
        versions,
        metrics,
        decisions,
        registry.aliases().list(name),
        registry.aliases().history(name, AliasName.CHAMPION));
  }

  Optional<Integer> champion() {
    return Optional.ofNullable(aliases.get(AliasName.CHAMPION));
  }

  Optional<ModelVersion> version(int number) {
    return versions.stream().filter(v -> v.number() == number).findFirst();
  }

  List<Metric> metricsOf(int number) {
    return metrics.getOrDefault(number, List.of());
  }

  Optional<PolicyDecision> decisionOf(int number) {
    return Optional.ofNullable(decisionByVersion.get(number));
  }

  /** The final value of {@code split.metric}, e.g. validation accuracy. */
  OptionalDouble finalMetric(int number, String split, String metric) {
    return metricsOf(number).stream()
        .filter(m -> m.epoch().isEmpty() && m.split().equals(split) && m.name().equals(metric))
        .mapToDouble(Metric::value)
        .findFirst();
  }

  /** The version and its ancestors, seed first. */
  List<ModelVersion> pathFromSeed(int number) {
    java.util.LinkedList<ModelVersion> path = new java.util.LinkedList<>();
    Optional<ModelVersion> current = version(number);
    while (current.isPresent() && path.size() <= versions.size()) {
      path.addFirst(current.get());
      current = current.get().parent().flatMap(this::version);
    }
    return path;
  }

  List<AliasName> aliasesOf(int number) {
    return aliases.entrySet().stream()
        .filter(e -> e.getValue() == number)
        .map(Map.Entry::getKey)
        .sorted(java.util.Comparator.comparing(AliasName::value))
        .toList();
  }
}
