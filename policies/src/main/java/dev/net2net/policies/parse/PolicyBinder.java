package dev.net2net.policies.parse;

import static dev.net2net.policies.parse.Vocabulary.DOCUMENT_KEYS;
import static dev.net2net.policies.parse.Vocabulary.METADATA_KEYS;
import static dev.net2net.policies.parse.Vocabulary.RULE_KEYS;
import static dev.net2net.policies.parse.Vocabulary.SPEC_KEYS;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.Guards;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.validate.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds one YAML document to a {@link GrowthPolicy}, checking as it goes. Every problem is reported
 * and binding carries on past it, so one run finds all of a document's errors; the policy is built
 * only if the document had none. This class binds the document, its metadata and its rules; a
 * rule's condition, its action, and the training plans, promotion gates and guards around it each
 * have a binder of their own.
 */
final class PolicyBinder {

  private final NodeReader read;
  private final ConditionBinder conditions;
  private final ActionBinder actions;
  private final PlanBinder plans;

  PolicyBinder(NodeReader reader) {
    this.read = reader;
    MetricBinder metrics = new MetricBinder(reader);
    this.conditions = new ConditionBinder(reader, metrics);
    this.plans = new PlanBinder(reader, metrics);
    this.actions = new ActionBinder(reader, plans);
  }

  Optional<GrowthPolicy> bind(Node document) {
    int errorsBefore = read.diagnostics().errorCount();
    if (document instanceof SequenceNode) {
      read.error(
          document,
          "document",
          "expected a GrowthPolicy (a mapping with apiVersion, kind, metadata and"
              + " spec), found a list; several policies go in one file as YAML documents separated by '---'");
      return Optional.empty();
    }
    if (!(document instanceof MappingNode)) {
      read.error(
          document,
          "document",
          "expected a GrowthPolicy (a mapping with apiVersion, kind, metadata and"
              + " spec), found "
              + NodeReader.describe(document));
      return Optional.empty();
    }
    Fields top = new Fields(read, (MappingNode) document, "", DOCUMENT_KEYS);
    if (!versionAndKindAreKnown(top)) {
      // Another version's keys mean other things: reporting them against v1 would only mislead.
      return Optional.empty();
    }
    Optional<Fields> metadata =
        top.require("metadata", "metadata: {name: my-policy}")
            .flatMap(node -> read.fields(node, "metadata", METADATA_KEYS));
    Optional<String> name =
        metadata.flatMap(m -> m.required("name", "name: widen-on-data-growth", read::identifier));
    Optional<String> description =
        metadata
            .flatMap(m -> m.get("description"))
            .flatMap(node -> read.string(node, "metadata.description"));
    Optional<GrowthPolicy> policy =
        top.required(
            "spec",
            "spec: {model: ..., rules: [...]}",
            read.mappingOf(SPEC_KEYS, spec -> spec(spec, name, description, read.at(document))));
    return read.diagnostics().errorCount() == errorsBefore ? policy : Optional.empty();
  }

  private boolean versionAndKindAreKnown(Fields top) {
    Optional<String> apiVersion =
        top.required("apiVersion", "apiVersion: " + GrowthPolicy.API_VERSION, read::string);
    boolean known = apiVersion.isPresent();
    if (apiVersion.isPresent() && !apiVersion.get().equals(GrowthPolicy.API_VERSION)) {
      Node node = top.get("apiVersion").orElseThrow();
      boolean sameGroup = apiVersion.get().startsWith("net2net.dev/");
      read.error(
          node,
          "apiVersion",
          "unsupported apiVersion '"
              + apiVersion.get()
              + "'; this net2net reads "
              + GrowthPolicy.API_VERSION
              + (sameGroup
                  ? " (a file written for another version of net2net needs that version)"
                  : Suggestions.didYouMean(apiVersion.get(), List.of(GrowthPolicy.API_VERSION))));
      known = false;
    }
    Optional<String> kind = top.required("kind", "kind: " + GrowthPolicy.KIND, read::string);
    if (kind.isEmpty()) {
      return false;
    }
    if (!kind.get().equals(GrowthPolicy.KIND)) {
      Node node = top.get("kind").orElseThrow();
      String hint =
          kind.get().toLowerCase(Locale.ROOT).contains("list")
              ? "; several policies go in one file as YAML documents separated by '---'"
              : Suggestions.didYouMean(kind.get(), List.of(GrowthPolicy.KIND));
      read.error(
          node,
          "kind",
          "unsupported kind '" + kind.get() + "'; expected '" + GrowthPolicy.KIND + "'" + hint);
      return false;
    }
    return known;
  }

  private Optional<GrowthPolicy> spec(
      Fields spec, Optional<String> name, Optional<String> description, SourceLocation at) {
    Optional<String> model = spec.required("model", "model: fashion-mlp", read::identifier);
    Optional<TrainingPlan> training =
        spec.optional("training", plans.training(TrainingPlan.defaults()), TrainingPlan.defaults());
    Optional<PromotionGate> promotion =
        spec.optional(
            "promotion", plans.promotion(PromotionGate.defaults()), PromotionGate.defaults());
    Optional<Guards> guards = spec.optional("guards", plans::guards, Guards.defaults());
    Optional<List<Rule>> rules =
        spec.required(
            "rules",
            "rules: [{name: ..., when: ..., action: ...}]",
            (node, path) -> rules(node, path, training, promotion, guards));
    if (name.isEmpty()
        || model.isEmpty()
        || training.isEmpty()
        || promotion.isEmpty()
        || guards.isEmpty()
        || rules.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new GrowthPolicy(name.get(), description, model.get(), rules.get(), guards.get(), at));
  }

  private Optional<List<Rule>> rules(
      Node node,
      String path,
      Optional<TrainingPlan> training,
      Optional<PromotionGate> promotion,
      Optional<Guards> guards) {
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
      Optional<Rule> rule =
          read.mappingOf(RULE_KEYS, fields -> rule(fields, training, promotion, guards, lineOfName))
              .bind(items.get().get(i), path + "[" + i + "]");
      rule.ifPresent(rules::add);
      complete &= rule.isPresent();
    }
    return complete ? Optional.of(rules) : Optional.empty();
  }

  private Optional<Rule> rule(
      Fields rule,
      Optional<TrainingPlan> policyTraining,
      Optional<PromotionGate> policyPromotion,
      Optional<Guards> guards,
      Map<String, Integer> lineOfName) {
    Optional<String> name =
        rule.required("name", "name: widen-on-growth", read::identifier)
            .filter(
                n -> {
                  Integer earlier =
                      lineOfName.putIfAbsent(n, read.at(rule.get("name").orElseThrow()).line());
                  if (earlier != null) {
                    read.error(
                        rule.get("name").orElseThrow(),
                        rule.path("name"),
                        "rule name '"
                            + n
                            + "' is already used at line "
                            + earlier
                            + "; each rule needs its own name");
                    return false;
                  }
                  return true;
                });
    Optional<Condition> when =
        rule.required("when", "when: {datasetGrowth: {ratio: 1.5}}", conditions::condition);
    Optional<Duration> holdFor =
        rule.optional("for", (n, path) -> read.duration(n, path, true), Duration.ZERO);
    Optional<TrainingPlan> training =
        policyTraining.flatMap(base -> rule.optional("training", plans.training(base), base));
    // A tournament's candidate overrides the rule's plan key by key; with that plan in error
    // (reported already), the defaults stand in so that the candidates are still checked.
    TrainingPlan candidateBase = training.orElse(TrainingPlan.defaults());
    Optional<Action> action =
        rule.required(
            "action",
            "action: {widen: {factor: 1.5}}",
            (node, path) -> actions.action(node, path, candidateBase));
    Optional<PromotionGate> promotion =
        policyPromotion.flatMap(base -> rule.optional("promotion", plans.promotion(base), base));
    if (name.isEmpty()
        || when.isEmpty()
        || holdFor.isEmpty()
        || action.isEmpty()
        || training.isEmpty()
        || promotion.isEmpty()
        || guards.isEmpty()) {
      return Optional.empty();
    }
    checkScheduleAgainstCooldown(rule, when.get(), guards.get());
    PromotionGate gate =
        new PromotionGate(
            promotion.get().metric(),
            promotion.get().minImprovement(),
            guards.get().maxParameters());
    return Optional.of(
        new Rule(
            name.get(),
            when.get(),
            holdFor.get(),
            action.get(),
            training.get(),
            gate,
            read.at(rule.node())));
  }

  private void checkScheduleAgainstCooldown(Fields rule, Condition when, Guards guards) {
    for (Condition.Schedule schedule : schedulesIn(when)) {
      if (schedule.every().compareTo(guards.cooldown()) < 0) {
        read.warning(
            rule.get("when").orElseThrow(),
            rule.path("when"),
            "schedule every "
                + Durations.format(schedule.every())
                + " is shorter than the cooldown of "
                + Durations.format(guards.cooldown())
                + ", so it can fire at most once per cooldown");
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
}
