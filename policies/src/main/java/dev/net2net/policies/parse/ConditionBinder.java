package dev.net2net.policies.parse;

import static dev.net2net.policies.parse.Vocabulary.CONDITION_KEYS;
import static dev.net2net.policies.parse.Vocabulary.DATASET_GROWTH_KEYS;
import static dev.net2net.policies.parse.Vocabulary.PLATEAU_KEYS;
import static dev.net2net.policies.parse.Vocabulary.SCHEDULE_KEYS;
import static dev.net2net.policies.parse.Vocabulary.UNDERFITTING_KEYS;

import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds a rule's {@code when:}: one trigger, or a list of conditions under {@code all:} or {@code
 * any:}.
 */
final class ConditionBinder {

  /** Deep enough for any sensible condition; a recursive YAML alias would otherwise never end. */
  static final int MAX_CONDITION_DEPTH = 8;

  private final NodeReader read;
  private final MetricBinder metrics;

  ConditionBinder(NodeReader reader, MetricBinder metrics) {
    this.read = reader;
    this.metrics = metrics;
  }

  /** A rule's whole condition. */
  Optional<Condition> condition(Node node, String path) {
    return condition(node, path, 0);
  }

  private Optional<Condition> condition(Node node, String path, int depth) {
    if (depth > MAX_CONDITION_DEPTH) {
      read.error(
          node,
          path,
          "conditions are nested more than "
              + MAX_CONDITION_DEPTH
              + " levels deep (is an alias referring to itself?)");
      return Optional.empty();
    }
    return read.mappingOf(CONDITION_KEYS, condition -> trigger(condition, depth)).bind(node, path);
  }

  private Optional<Condition> trigger(Fields condition, int depth) {
    Optional<String> keyword =
        condition.exactlyOne(
            CONDITION_KEYS, "a condition", "to require several, list them under all: (or any:)");
    if (keyword.isEmpty()) {
      return Optional.empty();
    }
    Node value = condition.get(keyword.get()).orElseThrow();
    String at = condition.path(keyword.get());
    return switch (keyword.get()) {
      case "datasetGrowth" ->
          read.mappingOf(DATASET_GROWTH_KEYS, this::datasetGrowth).bind(value, at);
      case "plateau" -> read.mappingOf(PLATEAU_KEYS, this::plateau).bind(value, at);
      case "underfitting" -> read.mappingOf(UNDERFITTING_KEYS, this::underfitting).bind(value, at);
      case "schedule" ->
          read.mappingOf(
                  SCHEDULE_KEYS,
                  schedule ->
                      schedule.required(
                          "every", "every: 6h", (n, path) -> read.duration(n, path, false)))
              .bind(value, at)
              .map(Condition.Schedule::new);
      case "manual" ->
          read.bool(value, at)
              .filter(
                  requested -> {
                    if (!requested) {
                      read.error(
                          value,
                          at,
                          "manual: false never holds; remove the condition, or write manual: true to let an"
                              + " operator's request fire the rule");
                    }
                    return requested;
                  })
              .map(requested -> new Condition.ManualRequest());
      case "all", "any" ->
          conditionList(value, at, depth)
              .map(
                  list ->
                      keyword.get().equals("all")
                          ? new Condition.AllOf(list)
                          : new Condition.AnyOf(list));
      default -> throw new IllegalStateException("condition " + keyword.get());
    };
  }

  private Optional<List<Condition>> conditionList(Node node, String path, int depth) {
    Optional<List<Node>> items = read.list(node, path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      read.error(node, path, "expected at least one condition, found an empty list");
      return Optional.empty();
    }
    List<Condition> conditions = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < items.get().size(); i++) {
      Optional<Condition> condition =
          condition(items.get().get(i), path + "[" + i + "]", depth + 1);
      condition.ifPresent(conditions::add);
      complete &= condition.isPresent();
    }
    return complete ? Optional.of(conditions) : Optional.empty();
  }

  private Optional<Condition> datasetGrowth(Fields growth) {
    Optional<String> which =
        growth.exactlyOne(
            DATASET_GROWTH_KEYS,
            "datasetGrowth",
            "to require both, list two datasetGrowth conditions under all:");
    if (which.isEmpty()) {
      return Optional.empty();
    }
    Node value = growth.get(which.get()).orElseThrow();
    String at = growth.path(which.get());
    if (which.get().equals("ratio")) {
      Optional<Double> ratio =
          read.number(
              value,
              at,
              r -> r > 1 && r <= 1000,
              "a ratio above 1 and at most 1000 (1.5 fires once the dataset has 50% more rows than the champion was"
                  + " trained on)");
      return ratio.map(Condition.DatasetGrowthRatio::new);
    }
    return read.integer(value, at, 1, Long.MAX_VALUE).map(Condition.DatasetGrowthRows::new);
  }

  private Optional<Condition> plateau(Fields plateau) {
    Optional<MetricRef> metric = metrics.metric(plateau, true, Split.VALIDATION);
    Optional<Double> minDelta =
        plateau.optional(
            "minDelta", (n, path) -> read.number(n, path, d -> d >= 0, "a number >= 0"), 0.0);
    Optional<Long> evaluations =
        plateau.required(
            "evaluations", "evaluations: 3", (n, path) -> read.integer(n, path, 1, 1000));
    if (metric.isEmpty() || minDelta.isEmpty() || evaluations.isEmpty()) {
      return Optional.empty();
    }
    if (!metrics.checkFraction(metric.get().name(), plateau, "minDelta", minDelta.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Condition.Plateau(metric.get(), minDelta.get(), Math.toIntExact(evaluations.get())));
  }

  private Optional<Condition> underfitting(Fields underfitting) {
    Optional<MetricRef> metric = metrics.metric(underfitting, false, Split.VALIDATION);
    Optional<Double> maxGap =
        underfitting.required(
            "maxGap",
            "maxGap: 0.02",
            (n, path) -> read.number(n, path, d -> d >= 0, "a number >= 0"));
    Optional<Double> target =
        underfitting.required(
            "target", "target: 0.92", (n, path) -> read.number(n, path, d -> true, "a number"));
    if (metric.isEmpty() || maxGap.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    boolean sensible =
        metrics.checkFraction(metric.get().name(), underfitting, "maxGap", maxGap.get())
            & metrics.checkFraction(metric.get().name(), underfitting, "target", target.get());
    if (!sensible) {
      return Optional.empty();
    }
    return Optional.of(
        new Condition.Underfitting(
            metric.get().name(), metric.get().mode(), maxGap.get(), target.get()));
  }
}
