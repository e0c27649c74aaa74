package dev.net2net.policies.parse;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.Guards;
import dev.net2net.policies.model.LayerRef;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.Numbers;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.TrainingPlan.EarlyStopping;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.policies.validate.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Binds one YAML document to a {@link GrowthPolicy}, checking as it goes. Every problem is reported
 * and binding carries on past it, so one run finds all of a document's errors; the policy is built
 * only if the document had none.
 */
final class PolicyBinder {

  // The language's vocabulary. The JSON Schema must agree; SchemaConsistencyTest checks it does.
  static final List<String> DOCUMENT_KEYS = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA_KEYS = List.of("name", "description");
  static final List<String> SPEC_KEYS = List.of("model", "training", "promotion", "guards", "rules");
  static final List<String> RULE_KEYS = List.of("name", "when", "for", "action", "training", "promotion");
  static final List<String> CONDITION_KEYS =
      List.of("datasetGrowth", "plateau", "underfitting", "schedule", "manual", "all", "any");
  static final List<String> DATASET_GROWTH_KEYS = List.of("ratio", "rows");
  static final List<String> PLATEAU_KEYS = List.of("metric", "split", "mode", "minDelta", "evaluations");
  static final List<String> UNDERFITTING_KEYS = List.of("metric", "mode", "maxGap", "target");
  static final List<String> SCHEDULE_KEYS = List.of("every");
  static final List<String> ACTION_KEYS = List.of("widen", "deepen", "tryBoth", "widenTowers", "deepenTowers");
  static final List<String> TRY_BOTH_KEYS = List.of("widen", "deepen", "widenTowers", "deepenTowers");
  static final List<String> WIDEN_KEYS = List.of("layers", "factor", "width", "noise", "seed");
  static final List<String> DEEPEN_KEYS = List.of("after", "kernel", "batchNorm");
  static final List<String> WIDEN_TOWERS_KEYS = List.of("merges", "factor", "noise");
  static final List<String> DEEPEN_TOWERS_KEYS = List.of("merges", "convs", "kernel", "batchNorm");
  static final List<String> TRAINING_KEYS = List.of("learningRateScale", "epochs", "batchSize", "earlyStopping");
  static final List<String> EARLY_STOPPING_KEYS = List.of("patience", "minDelta");
  static final List<String> PROMOTION_KEYS = List.of("metric", "mode", "minImprovement");
  static final List<String> GUARD_KEYS =
      List.of("cooldown", "maxGrowthsPerDay", "maxParameters", "maxConsecutiveFailures");
  static final List<String> SPLITS = List.of("validation", "train");
  static final List<String> MODES = List.of("max", "min");
  static final String ALL_HIDDEN = "all-hidden";
  static final String LAST_HIDDEN = "last-hidden";
  static final String ALL_MERGES = "all";

  /** Deep enough for any sensible condition; a recursive YAML alias would otherwise never end. */
  static final int MAX_CONDITION_DEPTH = 8;

  private final NodeReader read;

  PolicyBinder(NodeReader reader) {
    this.read = reader;
  }

  Optional<GrowthPolicy> bind(Node document) {
    int errorsBefore = read.diagnostics().errorCount();
    if (document instanceof SequenceNode) {
      read.error(document, "document", "expected a GrowthPolicy (a mapping with apiVersion, kind, metadata and"
          + " spec), found a list; several policies go in one file as YAML documents separated by '---'");
      return Optional.empty();
    }
    if (!(document instanceof MappingNode)) {
      read.error(document, "document", "expected a GrowthPolicy (a mapping with apiVersion, kind, metadata and"
          + " spec), found " + NodeReader.describe(document));
      return Optional.empty();
    }
    Fields top = new Fields(read, (MappingNode) document, "", DOCUMENT_KEYS);
    if (!versionAndKindAreKnown(top)) {
      // Another version's keys mean other things: reporting them against v1 would only mislead.
      return Optional.empty();
    }
    Optional<Fields> metadata = top.require("metadata", "metadata: {name: my-policy}")
        .flatMap(node -> read.fields(node, "metadata", METADATA_KEYS));
    Optional<String> name = metadata.flatMap(m -> m.require("name", "name: widen-on-data-growth")
        .flatMap(node -> read.identifier(node, m.path("name"))));
    Optional<String> description = metadata.flatMap(m -> m.get("description"))
        .flatMap(node -> read.string(node, "metadata.description"));
    Optional<GrowthPolicy> policy = top.require("spec", "spec: {model: ..., rules: [...]}")
        .flatMap(node -> read.fields(node, "spec", SPEC_KEYS))
        .flatMap(spec -> bindSpec(spec, name, description, read.at(document)));
    return read.diagnostics().errorCount() == errorsBefore ? policy : Optional.empty();
  }

  private boolean versionAndKindAreKnown(Fields top) {
    Optional<String> apiVersion = top.require("apiVersion", "apiVersion: " + GrowthPolicy.API_VERSION)
        .flatMap(node -> read.string(node, "apiVersion"));
    boolean known = apiVersion.isPresent();
    if (apiVersion.isPresent() && !apiVersion.get().equals(GrowthPolicy.API_VERSION)) {
      Node node = top.get("apiVersion").orElseThrow();
      boolean sameGroup = apiVersion.get().startsWith("net2net.dev/");
      read.error(node, "apiVersion", "unsupported apiVersion '" + apiVersion.get() + "'; this net2net reads "
          + GrowthPolicy.API_VERSION + (sameGroup
              ? " (a file written for another version of net2net needs that version)"
              : Suggestions.didYouMean(apiVersion.get(), List.of(GrowthPolicy.API_VERSION))));
      known = false;
    }
    Optional<String> kind = top.require("kind", "kind: " + GrowthPolicy.KIND)
        .flatMap(node -> read.string(node, "kind"));
    if (kind.isEmpty()) {
      return false;
    }
    if (!kind.get().equals(GrowthPolicy.KIND)) {
      Node node = top.get("kind").orElseThrow();
      String hint = kind.get().toLowerCase(Locale.ROOT).contains("list")
          ? "; several policies go in one file as YAML documents separated by '---'"
          : Suggestions.didYouMean(kind.get(), List.of(GrowthPolicy.KIND));
      read.error(node, "kind", "unsupported kind '" + kind.get() + "'; expected '" + GrowthPolicy.KIND + "'" + hint);
      return false;
    }
    return known;
  }

  private Optional<GrowthPolicy> bindSpec(
      Fields spec, Optional<String> name, Optional<String> description, SourceLocation at) {
    Optional<String> model = spec.require("model", "model: fashion-mlp")
        .flatMap(node -> read.identifier(node, spec.path("model")));
    Optional<TrainingPlan> training = spec.get("training")
        .map(node -> bindTraining(node, spec.path("training"), TrainingPlan.defaults()))
        .orElse(Optional.of(TrainingPlan.defaults()));
    Optional<PromotionGate> promotion = spec.get("promotion")
        .map(node -> bindPromotion(node, spec.path("promotion"), PromotionGate.defaults()))
        .orElse(Optional.of(PromotionGate.defaults()));
    Optional<Guards> guards = spec.get("guards")
        .map(node -> bindGuards(node, spec.path("guards")))
        .orElse(Optional.of(Guards.defaults()));
    Optional<List<Rule>> rules = spec.require("rules", "rules: [{name: ..., when: ..., action: ...}]")
        .flatMap(node -> bindRules(node, spec.path("rules"), training, promotion, guards));
    if (name.isEmpty() || model.isEmpty() || training.isEmpty() || promotion.isEmpty() || guards.isEmpty()
        || rules.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GrowthPolicy(name.get(), description, model.get(), rules.get(), guards.get(), at));
  }

  // ---------------------------------------------------------------- rules

  private Optional<List<Rule>> bindRules(Node node, String path, Optional<TrainingPlan> training,
      Optional<PromotionGate> promotion, Optional<Guards> guards) {
    Optional<List<Node>> items = read.list(node, path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      read.error(node, path, "expected at least one rule, found an empty list");
      return Optional.empty();
    }
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> lineOfName = new HashMap<>();
    boolean complete = true;
    for (int i = 0; i < items.get().size(); i++) {
      Optional<Rule> rule = bindRule(items.get().get(i), path + "[" + i + "]", training, promotion, guards, lineOfName);
      rule.ifPresent(rules::add);
      complete &= rule.isPresent();
    }
    return complete ? Optional.of(rules) : Optional.empty();
  }

  private Optional<Rule> bindRule(Node node, String path, Optional<TrainingPlan> policyTraining,
      Optional<PromotionGate> policyPromotion, Optional<Guards> guards, Map<String, Integer> lineOfName) {
    Optional<Fields> fields = read.fields(node, path, RULE_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields rule = fields.get();
    Optional<String> name = rule.require("name", "name: widen-on-growth")
        .flatMap(n -> read.identifier(n, rule.path("name")))
        .filter(n -> {
          Integer earlier = lineOfName.putIfAbsent(n, read.at(rule.get("name").orElseThrow()).line());
          if (earlier != null) {
            read.error(rule.get("name").orElseThrow(), rule.path("name"),
                "rule name '" + n + "' is already used at line " + earlier + "; each rule needs its own name");
            return false;
          }
          return true;
        });
    Optional<Condition> when = rule.require("when", "when: {datasetGrowth: {ratio: 1.5}}")
        .flatMap(n -> bindCondition(n, rule.path("when"), 0));
    Optional<Duration> holdFor = rule.get("for")
        .map(n -> read.duration(n, rule.path("for"), true))
        .orElse(Optional.of(Duration.ZERO));
    Optional<Action> action = rule.require("action", "action: {widen: {factor: 1.5}}")
        .flatMap(n -> bindAction(n, rule.path("action")));
    Optional<TrainingPlan> training = policyTraining.flatMap(base -> rule.get("training")
        .map(n -> bindTraining(n, rule.path("training"), base))
        .orElse(Optional.of(base)));
    Optional<PromotionGate> promotion = policyPromotion.flatMap(base -> rule.get("promotion")
        .map(n -> bindPromotion(n, rule.path("promotion"), base))
        .orElse(Optional.of(base)));
    if (name.isEmpty() || when.isEmpty() || holdFor.isEmpty() || action.isEmpty() || training.isEmpty()
        || promotion.isEmpty() || guards.isEmpty()) {
      return Optional.empty();
    }
    checkScheduleAgainstCooldown(rule, when.get(), guards.get());
    PromotionGate gate = new PromotionGate(
        promotion.get().metric(), promotion.get().minImprovement(), guards.get().maxParameters());
    return Optional.of(new Rule(name.get(), when.get(), holdFor.get(), action.get(), training.get(), gate,
        read.at(rule.node())));
  }

  private void checkScheduleAgainstCooldown(Fields rule, Condition when, Guards guards) {
    for (Condition.Schedule schedule : schedulesIn(when)) {
      if (schedule.every().compareTo(guards.cooldown()) < 0) {
        read.warning(rule.get("when").orElseThrow(), rule.path("when"), "schedule every "
            + Durations.format(schedule.every()) + " is shorter than the cooldown of "
            + Durations.format(guards.cooldown()) + ", so it can fire at most once per cooldown");
      }
    }
  }

  private static List<Condition.Schedule> schedulesIn(Condition condition) {
    List<Condition.Schedule> found = new ArrayList<>();
    if (condition instanceof Condition.Schedule schedule) {
      found.add(schedule);
    } else if (condition instanceof Condition.AllOf all) {
      all.conditions().forEach(c -> found.addAll(schedulesIn(c)));
    } else if (condition instanceof Condition.AnyOf any) {
      any.conditions().forEach(c -> found.addAll(schedulesIn(c)));
    }
    return found;
  }

  // ---------------------------------------------------------------- conditions

  private Optional<Condition> bindCondition(Node node, String path, int depth) {
    if (depth > MAX_CONDITION_DEPTH) {
      read.error(node, path, "conditions are nested more than " + MAX_CONDITION_DEPTH
          + " levels deep (is an alias referring to itself?)");
      return Optional.empty();
    }
    Optional<Fields> fields = read.fields(node, path, CONDITION_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields condition = fields.get();
    Optional<String> keyword = condition.exactlyOne(CONDITION_KEYS, "a condition",
        "to require several, list them under all: (or any:)");
    if (keyword.isEmpty()) {
      return Optional.empty();
    }
    Node value = condition.get(keyword.get()).orElseThrow();
    String at = condition.path(keyword.get());
    return switch (keyword.get()) {
      case "datasetGrowth" -> bindDatasetGrowth(value, at);
      case "plateau" -> bindPlateau(value, at);
      case "underfitting" -> bindUnderfitting(value, at);
      case "schedule" -> read.fields(value, at, SCHEDULE_KEYS)
          .flatMap(f -> f.require("every", "every: 6h").flatMap(n -> read.duration(n, f.path("every"), false)))
          .map(Condition.Schedule::new);
      case "manual" -> read.bool(value, at).filter(requested -> {
        if (!requested) {
          read.error(value, at, "manual: false never holds; remove the condition, or write manual: true to let an"
              + " operator's request fire the rule");
        }
        return requested;
      }).map(requested -> new Condition.ManualRequest());
      case "all", "any" -> bindConditionList(value, at, depth).map(list -> keyword.get().equals("all")
          ? new Condition.AllOf(list) : new Condition.AnyOf(list));
      default -> throw new IllegalStateException("condition " + keyword.get());
    };
  }

  private Optional<List<Condition>> bindConditionList(Node node, String path, int depth) {
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
      Optional<Condition> condition = bindCondition(items.get().get(i), path + "[" + i + "]", depth + 1);
      condition.ifPresent(conditions::add);
      complete &= condition.isPresent();
    }
    return complete ? Optional.of(conditions) : Optional.empty();
  }

  private Optional<Condition> bindDatasetGrowth(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, DATASET_GROWTH_KEYS);
    Optional<String> which = fields.flatMap(f -> f.exactlyOne(DATASET_GROWTH_KEYS, "datasetGrowth",
        "to require both, list two datasetGrowth conditions under all:"));
    if (which.isEmpty()) {
      return Optional.empty();
    }
    Node value = fields.get().get(which.get()).orElseThrow();
    String at = fields.get().path(which.get());
    if (which.get().equals("ratio")) {
      Optional<Double> ratio = read.number(value, at, r -> r > 1 && r <= 1000,
          "a ratio above 1 and at most 1000 (1.5 fires once the dataset has 50% more rows than the champion was"
              + " trained on)");
      return ratio.map(Condition.DatasetGrowthRatio::new);
    }
    return read.integer(value, at, 1, Long.MAX_VALUE).map(Condition.DatasetGrowthRows::new);
  }

  private Optional<Condition> bindPlateau(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, PLATEAU_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields plateau = fields.get();
    Optional<MetricRef> metric = bindMetric(plateau, true, Split.VALIDATION);
    Optional<Double> minDelta = plateau.get("minDelta")
        .map(n -> read.number(n, plateau.path("minDelta"), d -> d >= 0, "a number >= 0"))
        .orElse(Optional.of(0.0));
    Optional<Long> evaluations = plateau.require("evaluations", "evaluations: 3")
        .flatMap(n -> read.integer(n, plateau.path("evaluations"), 1, 1000));
    if (metric.isEmpty() || minDelta.isEmpty() || evaluations.isEmpty()) {
      return Optional.empty();
    }
    if (!checkFraction(metric.get().name(), plateau, "minDelta", minDelta.get())) {
      return Optional.empty();
    }
    return Optional.of(new Condition.Plateau(metric.get(), minDelta.get(), Math.toIntExact(evaluations.get())));
  }

  private Optional<Condition> bindUnderfitting(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, UNDERFITTING_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields underfitting = fields.get();
    Optional<MetricRef> metric = bindMetric(underfitting, false, Split.VALIDATION);
    Optional<Double> maxGap = underfitting.require("maxGap", "maxGap: 0.02")
        .flatMap(n -> read.number(n, underfitting.path("maxGap"), d -> d >= 0, "a number >= 0"));
    Optional<Double> target = underfitting.require("target", "target: 0.92")
        .flatMap(n -> read.number(n, underfitting.path("target"), d -> true, "a number"));
    if (metric.isEmpty() || maxGap.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    boolean sensible = checkFraction(metric.get().name(), underfitting, "maxGap", maxGap.get())
        & checkFraction(metric.get().name(), underfitting, "target", target.get());
    if (!sensible) {
      return Optional.empty();
    }
    return Optional.of(new Condition.Underfitting(metric.get().name(), metric.get().mode(), maxGap.get(), target.get()));
  }

  /**
   * Accuracy is a fraction; a threshold above 1 is a percentage written by mistake and would make the
   * condition always or never hold.
   */
  private boolean checkFraction(String metric, Fields fields, String key, double value) {
    if (!metric.endsWith("accuracy") || (value >= 0 && value <= 1)) {
      return true;
    }
    Node node = fields.get(key).orElseThrow();
    read.error(node, fields.path(key), "expected a fraction between 0 and 1 for " + metric + ", found "
        + Numbers.format(value) + (value > 1 && value <= 100 ? "; did you mean " + Numbers.format(value / 100) + "?" : ""));
    return false;
  }

  /**
   * Reads {@code metric}, {@code mode} and (when allowed) {@code split} from a mapping. A well-known
   * metric implies its mode; an unfamiliar one must state it, because guessing wrong inverts the rule.
   */
  private Optional<MetricRef> bindMetric(Fields fields, boolean splitAllowed, Split defaultSplit) {
    Optional<Node> metricNode = fields.require("metric", "metric: accuracy");
    Optional<String> name = metricNode.flatMap(n -> metricName(n, fields.path("metric")));
    Optional<Split> split = splitAllowed
        ? fields.get("split").map(n -> read.choice(n, fields.path("split"), SPLITS)
            .map(s -> s.equals("train") ? Split.TRAIN : Split.VALIDATION)).orElse(Optional.of(defaultSplit))
        : Optional.of(defaultSplit);
    Optional<Node> modeNode = fields.get("mode");
    Optional<Optional<Mode>> statedMode = modeNode
        .map(n -> read.choice(n, fields.path("mode"), MODES).map(m -> Optional.of(m.equals("max") ? Mode.MAX : Mode.MIN)))
        .orElse(Optional.of(Optional.empty()));
    if (name.isEmpty() || split.isEmpty() || statedMode.isEmpty()) {
      return Optional.empty();
    }
    Optional<Mode> conventional = Mode.conventionalFor(name.get());
    if (statedMode.get().isEmpty() && conventional.isEmpty()) {
      read.error(metricNode.get(), fields.path("metric"), "cannot tell whether a higher or a lower '" + name.get()
          + "' is better; add mode: max or mode: min");
      return Optional.empty();
    }
    Mode mode = statedMode.get().or(() -> conventional).orElseThrow();
    if (conventional.isPresent() && conventional.get() != mode) {
      read.warning(modeNode.orElseThrow(), fields.path("mode"), "mode: " + mode.yamlName() + " says a "
          + (mode == Mode.MAX ? "higher" : "lower") + " " + name.get() + " is better, which is unusual; check it");
    }
    return Optional.of(new MetricRef(name.get(), split.get(), mode));
  }

  private Optional<String> metricName(Node node, String path) {
    return read.string(node, path).filter(name -> {
      for (Split split : Split.values()) {
        for (String prefix : List.of(split.yamlName() + "_", split == Split.VALIDATION ? "val_" : "train_")) {
          if (name.startsWith(prefix) && name.length() > prefix.length()) {
            read.error(node, path, "'" + name + "' names a split and a metric; write metric: "
                + name.substring(prefix.length()) + " and split: " + split.yamlName()
                + " (the split is validation unless stated)");
            return false;
          }
        }
      }
      if (MetricRef.NAME.matcher(name).matches()) {
        return true;
      }
      read.error(node, path, "expected a metric name of lower-case letters, digits and '_' (such as accuracy or"
          + " loss), found '" + name + "'");
      return false;
    });
  }

  // ---------------------------------------------------------------- actions

  private Optional<Action> bindAction(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, ACTION_KEYS);
    Optional<String> kind = fields.flatMap(f -> f.exactlyOne(ACTION_KEYS, "an action",
        "to try two and keep the better, put both under tryBoth:"));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Node value = fields.get().get(kind.get()).orElseThrow();
    String at = fields.get().path(kind.get());
    return kind.get().equals("tryBoth") ? bindTryBoth(value, at) : bindSingleAction(kind.get(), value, at);
  }

  private Optional<Action> bindSingleAction(String kind, Node value, String path) {
    return switch (kind) {
      case "widen" -> bindWiden(value, path);
      case "deepen" -> bindDeepen(value, path);
      case "widenTowers" -> bindWidenTowers(value, path);
      case "deepenTowers" -> bindDeepenTowers(value, path);
      default -> throw new IllegalStateException("action " + kind);
    };
  }

  private Optional<Action> bindTryBoth(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, TRY_BOTH_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    List<String> present = fields.get().presentKeys();
    if (present.size() != 2) {
      if (!fields.get().hadUnknownKeys() || present.size() > 2) {
        read.error(node, path, "tryBoth takes exactly two different actions (such as widen and deepen), found "
            + (present.isEmpty() ? "none" : present.size() + ": " + String.join(", ", present)));
      }
      return Optional.empty();
    }
    Optional<Action> first = bindSingleAction(present.get(0), fields.get().get(present.get(0)).orElseThrow(),
        fields.get().path(present.get(0)));
    Optional<Action> second = bindSingleAction(present.get(1), fields.get().get(present.get(1)).orElseThrow(),
        fields.get().path(present.get(1)));
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.TryBoth(first.get(), second.get()));
  }

  private Optional<Action> bindWiden(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, WIDEN_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields widen = fields.get();
    Optional<LayerSelection> layers = widen.get("layers")
        .map(n -> bindLayerSelection(n, widen.path("layers")))
        .orElse(Optional.of(new LayerSelection.AllHidden()));
    Optional<String> how = widen.exactlyOne(List.of("factor", "width"), "widen",
        "a factor multiplies each layer's width, a width sets it");
    Optional<WidthChange> change = how.flatMap(key -> {
      Node value = widen.get(key).orElseThrow();
      return key.equals("factor")
          ? read.number(value, widen.path(key), f -> f > 1 && f <= 16, "a factor above 1 and at most 16")
              .map(WidthChange.ByFactor::new)
          : read.integer(value, widen.path(key), 2, 1 << 20).map(w -> new WidthChange.ToWidth(Math.toIntExact(w)));
    });
    Optional<Double> noise = bindNoise(widen);
    Optional<OptionalLong> seed = widen.get("seed")
        .map(n -> read.integer(n, widen.path("seed"), 0, Long.MAX_VALUE).map(OptionalLong::of))
        .orElse(Optional.of(OptionalLong.empty()));
    if (layers.isEmpty() || change.isEmpty() || noise.isEmpty() || seed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Widen(layers.get(), change.get(), noise.get(), seed.get()));
  }

  private Optional<Double> bindNoise(Fields fields) {
    return fields.get("noise")
        .map(n -> read.number(n, fields.path("noise"), d -> d >= 0 && d <= 1,
            "a standard deviation from 0 to 1 (0 keeps the function exactly)"))
        .orElse(Optional.of(Action.DEFAULT_NOISE));
  }

  private Optional<LayerSelection> bindLayerSelection(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR) && scalar.getValue().equals(ALL_HIDDEN)) {
      return Optional.of(new LayerSelection.AllHidden());
    }
    if (node instanceof SequenceNode) {
      Optional<List<Node>> items = read.list(node, path);
      if (items.isEmpty()) {
        return Optional.empty();
      }
      if (items.get().isEmpty()) {
        read.error(node, path, "expected at least one layer, found an empty list (write layers: " + ALL_HIDDEN
            + " for every hidden layer)");
        return Optional.empty();
      }
      List<LayerRef> layers = new ArrayList<>();
      boolean complete = true;
      for (int i = 0; i < items.get().size(); i++) {
        Node item = items.get().get(i);
        Optional<LayerRef> layer = bindLayerRef(item, path + "[" + i + "]", true);
        if (layer.isPresent() && layers.contains(layer.get())) {
          read.error(item, path + "[" + i + "]", layer.get().describe() + " is listed twice");
          complete = false;
        }
        layer.ifPresent(layers::add);
        complete &= layer.isPresent();
      }
      return complete ? Optional.of(new LayerSelection.Listed(layers)) : Optional.empty();
    }
    return bindLayerRef(node, path, false).map(layer -> new LayerSelection.Listed(List.of(layer)));
  }

  private Optional<LayerRef> bindLayerRef(Node node, String path, boolean inList) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      return read.integer(node, path, 0, 100_000).map(i -> new LayerRef.ByIndex(Math.toIntExact(i)));
    }
    Optional<String> name = read.string(node, path);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String value = name.get();
    if (value.equals(LAST_HIDDEN)) {
      return Optional.of(new LayerRef.LastHidden());
    }
    if (value.equals(ALL_HIDDEN)) {
      read.error(node, path, "'" + ALL_HIDDEN + "' selects every hidden layer and only stands alone, as layers: "
          + ALL_HIDDEN + (inList ? "; it cannot be one item of a list" : "; here one layer is expected"));
      return Optional.empty();
    }
    Optional<String> keyword = Suggestions.closest(value, List.of(ALL_HIDDEN, LAST_HIDDEN));
    if (keyword.isPresent()) {
      read.error(node, path, "'" + value + "' looks like the keyword '" + keyword.get() + "' misspelt; did you mean '"
          + keyword.get() + "'? (layers cannot be named like a keyword)");
      return Optional.empty();
    }
    return Optional.of(new LayerRef.ByName(value));
  }

  private Optional<Action> bindDeepen(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, DEEPEN_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields deepen = fields.get();
    Optional<LayerRef> after = deepen.require("after", "after: " + LAST_HIDDEN)
        .flatMap(n -> bindLayerRef(n, deepen.path("after"), false));
    Optional<OptionalInt> kernel = deepen.get("kernel")
        .map(n -> bindKernel(n, deepen.path("kernel")).map(OptionalInt::of))
        .orElse(Optional.of(OptionalInt.empty()));
    Optional<Boolean> batchNorm = deepen.get("batchNorm")
        .map(n -> read.bool(n, deepen.path("batchNorm")))
        .orElse(Optional.of(false));
    if (after.isEmpty() || kernel.isEmpty() || batchNorm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Deepen(after.get(), kernel.get(), batchNorm.get()));
  }

  private Optional<Integer> bindKernel(Node node, String path) {
    return read.integer(node, path, 1, 15).map(Math::toIntExact).filter(k -> {
      if (k % 2 == 1) {
        return true;
      }
      read.error(node, path, "expected an odd kernel size (1, 3, 5, ...) so the identity convolution keeps the"
          + " spatial size, found " + k);
      return false;
    });
  }

  private Optional<MergeSelection> bindMerges(Fields fields) {
    Optional<Node> node = fields.get("merges");
    if (node.isEmpty()) {
      return Optional.of(new MergeSelection.AllMerges());
    }
    String path = fields.path("merges");
    if (node.get() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR) && scalar.getValue().equals(ALL_MERGES)) {
      return Optional.of(new MergeSelection.AllMerges());
    }
    if (!(node.get() instanceof SequenceNode)) {
      read.error(node.get(), path, "expected 'all' or a list of merge vertex names, found " + NodeReader.describe(node.get()));
      return Optional.empty();
    }
    Optional<List<Node>> items = read.list(node.get(), path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      read.error(node.get(), path, "expected at least one merge vertex, found an empty list (omit merges for all)");
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < items.get().size(); i++) {
      Optional<String> name = read.string(items.get().get(i), path + "[" + i + "]");
      name.ifPresent(names::add);
      complete &= name.isPresent();
    }
    return complete ? Optional.of(new MergeSelection.Named(names)) : Optional.empty();
  }

  private Optional<Action> bindWidenTowers(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, WIDEN_TOWERS_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields widen = fields.get();
    Optional<MergeSelection> merges = bindMerges(widen);
    Optional<Double> factor = widen.require("factor", "factor: 1.5")
        .flatMap(n -> read.number(n, widen.path("factor"), f -> f > 1 && f <= 16, "a factor above 1 and at most 16"));
    Optional<Double> noise = bindNoise(widen);
    if (merges.isEmpty() || factor.isEmpty() || noise.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.WidenTowers(merges.get(), factor.get(), noise.get()));
  }

  private Optional<Action> bindDeepenTowers(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, DEEPEN_TOWERS_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields deepen = fields.get();
    Optional<MergeSelection> merges = bindMerges(deepen);
    Optional<Long> convs = deepen.get("convs")
        .map(n -> read.integer(n, deepen.path("convs"), 1, 8))
        .orElse(Optional.of(1L));
    Optional<Integer> kernel = deepen.get("kernel")
        .map(n -> bindKernel(n, deepen.path("kernel")))
        .orElse(Optional.of(3));
    Optional<Boolean> batchNorm = deepen.get("batchNorm")
        .map(n -> read.bool(n, deepen.path("batchNorm")))
        .orElse(Optional.of(false));
    if (merges.isEmpty() || convs.isEmpty() || kernel.isEmpty() || batchNorm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.DeepenTowers(merges.get(), Math.toIntExact(convs.get()), kernel.get(), batchNorm.get()));
  }

  // ---------------------------------------------------------------- training, promotion, guards

  /** A training plan: keys given here override {@code base} (the policy's plan, or the defaults). */
  private Optional<TrainingPlan> bindTraining(Node node, String path, TrainingPlan base) {
    Optional<Fields> fields = read.fields(node, path, TRAINING_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields training = fields.get();
    Optional<Double> learningRateScale = training.get("learningRateScale")
        .map(n -> read.number(n, training.path("learningRateScale"), d -> d > 0 && d <= 1,
            "a number above 0 and at most 1 (the fraction of the champion's learning rate)"))
        .orElse(Optional.of(base.learningRateScale()));
    Optional<Long> epochs = training.get("epochs")
        .map(n -> read.integer(n, training.path("epochs"), 1, 1000))
        .orElse(Optional.of((long) base.epochs()));
    Optional<OptionalInt> batchSize = training.get("batchSize")
        .map(n -> read.integer(n, training.path("batchSize"), 1, 1 << 20).map(b -> OptionalInt.of(Math.toIntExact(b))))
        .orElse(Optional.of(base.batchSize()));
    Optional<Optional<EarlyStopping>> earlyStopping = training.get("earlyStopping")
        .map(n -> bindEarlyStopping(n, training.path("earlyStopping")).map(Optional::of))
        .orElse(Optional.of(base.earlyStopping()));
    if (learningRateScale.isEmpty() || epochs.isEmpty() || batchSize.isEmpty() || earlyStopping.isEmpty()) {
      return Optional.empty();
    }
    if (earlyStopping.get().isPresent() && earlyStopping.get().get().patience() >= epochs.get()) {
      Node where = training.get("earlyStopping").or(() -> training.get("epochs")).orElse(node);
      read.error(where, training.path(training.has("earlyStopping") ? "earlyStopping" : "epochs"),
          "early stopping patience " + earlyStopping.get().get().patience() + " can never stop a training of "
              + epochs.get() + " epoch" + (epochs.get() == 1 ? "" : "s") + "; make patience smaller than epochs");
      return Optional.empty();
    }
    return Optional.of(new TrainingPlan(learningRateScale.get(), Math.toIntExact(epochs.get()), batchSize.get(),
        earlyStopping.get()));
  }

  private Optional<EarlyStopping> bindEarlyStopping(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, EARLY_STOPPING_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields stopping = fields.get();
    Optional<Long> patience = stopping.require("patience", "patience: 2")
        .flatMap(n -> read.integer(n, stopping.path("patience"), 1, 1000));
    Optional<Double> minDelta = stopping.get("minDelta")
        .map(n -> read.number(n, stopping.path("minDelta"), d -> d >= 0, "a number >= 0"))
        .orElse(Optional.of(0.0));
    if (patience.isEmpty() || minDelta.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EarlyStopping(Math.toIntExact(patience.get()), minDelta.get()));
  }

  private Optional<PromotionGate> bindPromotion(Node node, String path, PromotionGate base) {
    Optional<Fields> fields = read.fields(node, path, PROMOTION_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields promotion = fields.get();
    Optional<MetricRef> metric;
    if (promotion.has("metric")) {
      metric = bindMetric(promotion, false, Split.VALIDATION);
    } else if (promotion.has("mode")) {
      // A mode without a metric would silently apply to the inherited metric; say which.
      read.error(promotion.get("mode").orElseThrow(), promotion.path("mode"),
          "mode needs the metric it applies to; add metric: (the default is accuracy)");
      metric = Optional.empty();
    } else {
      metric = Optional.of(base.metric());
    }
    Optional<Double> minImprovement = promotion.get("minImprovement")
        .map(n -> read.number(n, promotion.path("minImprovement"), d -> d >= 0,
            "a number >= 0 (how much the candidate must beat the champion by)"))
        .orElse(Optional.of(base.minImprovement()));
    if (metric.isEmpty() || minImprovement.isEmpty()) {
      return Optional.empty();
    }
    if (promotion.has("minImprovement")
        && !checkFraction(metric.get().name(), promotion, "minImprovement", minImprovement.get())) {
      return Optional.empty();
    }
    return Optional.of(new PromotionGate(metric.get(), minImprovement.get(), base.maxParameters()));
  }

  private Optional<Guards> bindGuards(Node node, String path) {
    Optional<Fields> fields = read.fields(node, path, GUARD_KEYS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields guards = fields.get();
    Optional<Duration> cooldown = guards.get("cooldown")
        .map(n -> read.duration(n, guards.path("cooldown"), true))
        .orElse(Optional.of(Guards.DEFAULT_COOLDOWN));
    Optional<Long> perDay = guards.get("maxGrowthsPerDay")
        .map(n -> read.integer(n, guards.path("maxGrowthsPerDay"), 0, 100_000))
        .orElse(Optional.of((long) Guards.DEFAULT_MAX_GROWTHS_PER_DAY));
    Optional<OptionalLong> maxParameters = guards.get("maxParameters")
        .map(n -> read.integer(n, guards.path("maxParameters"), 1, Long.MAX_VALUE).map(OptionalLong::of))
        .orElse(Optional.of(OptionalLong.empty()));
    Optional<Long> maxFailures = guards.get("maxConsecutiveFailures")
        .map(n -> read.integer(n, guards.path("maxConsecutiveFailures"), 1, 1000))
        .orElse(Optional.of((long) Guards.DEFAULT_MAX_CONSECUTIVE_FAILURES));
    if (cooldown.isEmpty() || perDay.isEmpty() || maxParameters.isEmpty() || maxFailures.isEmpty()) {
      return Optional.empty();
    }
    if (perDay.get() == 0) {
      read.error(guards.get("maxGrowthsPerDay").orElseThrow(), guards.path("maxGrowthsPerDay"),
          "0 forbids every growth, which contradicts the policy's rules; allow at least 1 (or delete the policy)");
      return Optional.empty();
    }
    if (!cooldown.get().isZero() && guards.has("maxGrowthsPerDay")) {
      long fitInADay = Math.max(1, Duration.ofDays(1).toSeconds() / Math.max(1, cooldown.get().toSeconds()));
      if (perDay.get() > fitInADay) {
        read.warning(guards.get("maxGrowthsPerDay").orElseThrow(), guards.path("maxGrowthsPerDay"),
            "a cooldown of " + Durations.format(cooldown.get()) + " allows at most " + fitInADay
                + " growths a day, so " + perDay.get() + " never binds");
      }
    }
    return Optional.of(new Guards(cooldown.get(), Math.toIntExact(perDay.get()), maxParameters.get(),
        Math.toIntExact(maxFailures.get())));
  }
}
