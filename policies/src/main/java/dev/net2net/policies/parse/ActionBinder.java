package dev.net2net.policies.parse;

import static dev.net2net.policies.parse.Vocabulary.ACTION_KEYS;
import static dev.net2net.policies.parse.Vocabulary.ALL_HIDDEN;
import static dev.net2net.policies.parse.Vocabulary.ALL_MERGES;
import static dev.net2net.policies.parse.Vocabulary.CANDIDATE_KEYS;
import static dev.net2net.policies.parse.Vocabulary.DEEPEN_KEYS;
import static dev.net2net.policies.parse.Vocabulary.DEEPEN_TOWERS_KEYS;
import static dev.net2net.policies.parse.Vocabulary.LAST_HIDDEN;
import static dev.net2net.policies.parse.Vocabulary.SINGLE_ACTION_KEYS;
import static dev.net2net.policies.parse.Vocabulary.TOURNAMENT_KEYS;
import static dev.net2net.policies.parse.Vocabulary.TRY_BOTH_KEYS;
import static dev.net2net.policies.parse.Vocabulary.WIDEN_KEYS;
import static dev.net2net.policies.parse.Vocabulary.WIDEN_TOWERS_KEYS;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.policies.validate.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

// Longer than 400 lines because every action of the language (widen, deepen, the tower actions,
// tryBoth and the tournament with its candidates) is bound here with its refusals, in sections,
// sharing the layer and merge selections; the plans a candidate brings are PlanBinder's.
/**
 * Binds a rule's {@code action:}: one transform (widen, deepen, widenTowers, deepenTowers), or
 * several candidates under {@code tournament:} (each one transform, optionally with its own {@code
 * training:}), or two under {@code tryBoth:}, which is a tournament of two written shorter; with
 * the layers or merge vertices each applies to.
 */
final class ActionBinder {

  private final NodeReader read;
  private final PlanBinder plans;

  ActionBinder(NodeReader reader, PlanBinder plans) {
    this.read = reader;
    this.plans = plans;
  }

  /**
   * The action at {@code node}; {@code ruleTraining} is the plan a tournament's candidate overrides
   * key by key with its own {@code training:}.
   */
  Optional<Action> action(Node node, String path, TrainingPlan ruleTraining) {
    return read.mappingOf(ACTION_KEYS, fields -> action(fields, ruleTraining)).bind(node, path);
  }

  private Optional<Action> action(Fields action, TrainingPlan ruleTraining) {
    Optional<String> kind =
        action.exactlyOne(
            ACTION_KEYS,
            "an action",
            "to try several and keep the best, list them under tournament: {candidates: [...]}");
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Node value = action.get(kind.get()).orElseThrow();
    String at = action.path(kind.get());
    return switch (kind.get()) {
      case "tryBoth" -> read.mappingOf(TRY_BOTH_KEYS, this::tryBoth).bind(value, at);
      case "tournament" -> tournament(value, at, ruleTraining);
      default -> singleAction(kind.get(), value, at);
    };
  }

  private Optional<Action> singleAction(String kind, Node value, String path) {
    NodeBinder<Action> binder =
        switch (kind) {
          case "widen" -> read.mappingOf(WIDEN_KEYS, this::widen);
          case "deepen" -> read.mappingOf(DEEPEN_KEYS, this::deepen);
          case "widenTowers" -> read.mappingOf(WIDEN_TOWERS_KEYS, this::widenTowers);
          case "deepenTowers" -> read.mappingOf(DEEPEN_TOWERS_KEYS, this::deepenTowers);
          default -> throw new IllegalStateException("action " + kind);
        };
    return binder.bind(value, path);
  }

  private Optional<Action> tryBoth(Fields tryBoth) {
    List<String> present = tryBoth.presentKeys();
    if (present.size() != 2) {
      if (!tryBoth.hadUnknownKeys() || present.size() > 2) {
        read.error(
            tryBoth.node(),
            tryBoth.path(),
            "tryBoth takes exactly two different actions (such as widen and"
                + " deepen), found "
                + (present.isEmpty() ? "none" : present.size() + ": " + String.join(", ", present))
                + (present.size() > 2 ? "; for more, use tournament: {candidates: [...]}" : ""));
      }
      return Optional.empty();
    }
    Optional<Action> first =
        singleAction(
            present.get(0),
            tryBoth.get(present.get(0)).orElseThrow(),
            tryBoth.path(present.get(0)));
    Optional<Action> second =
        singleAction(
            present.get(1),
            tryBoth.get(present.get(1)).orElseThrow(),
            tryBoth.path(present.get(1)));
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Action.Tournament.ofTwo(first.get(), second.get()));
  }

  // ---- tournament

  /**
   * {@code tournament: {candidates: [...], deadline: 2h}}, or the list alone for the default
   * deadline.
   */
  private Optional<Action> tournament(Node value, String path, TrainingPlan ruleTraining) {
    if (value instanceof SequenceNode) {
      return candidates(value, path, ruleTraining)
          .map(list -> new Action.Tournament(list, Action.Tournament.DEFAULT_DEADLINE));
    }
    return read.mappingOf(TOURNAMENT_KEYS, fields -> tournament(fields, ruleTraining))
        .bind(value, path);
  }

  private Optional<Action> tournament(Fields tournament, TrainingPlan ruleTraining) {
    Optional<List<Action.Tournament.Entrant>> candidates =
        tournament.required(
            "candidates",
            "candidates: [{widen: {factor: 1.5}}, {deepen: {after: last-hidden}}]",
            (n, path) -> candidates(n, path, ruleTraining));
    Optional<Duration> deadline =
        tournament.optional(
            "deadline",
            (n, path) ->
                read.duration(n, path, false)
                    .filter(
                        d -> {
                          if (d.compareTo(Action.Tournament.MIN_DEADLINE) >= 0) {
                            return true;
                          }
                          read.error(
                              n,
                              path,
                              "a tournament's deadline must be at least 1s, found "
                                  + Durations.format(d));
                          return false;
                        }),
            Action.Tournament.DEFAULT_DEADLINE);
    if (candidates.isEmpty() || deadline.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Tournament(candidates.get(), deadline.get()));
  }

  private Optional<List<Action.Tournament.Entrant>> candidates(
      Node node, String path, TrainingPlan ruleTraining) {
    Optional<List<Node>> items = read.list(node, path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    int count = items.get().size();
    if (count < Action.Tournament.MIN_CANDIDATES || count > Action.Tournament.MAX_CANDIDATES) {
      read.error(
          node,
          path,
          "a tournament takes "
              + Action.Tournament.MIN_CANDIDATES
              + " to "
              + Action.Tournament.MAX_CANDIDATES
              + " candidates, found "
              + (count == 0 ? "an empty list" : String.valueOf(count))
              + (count == 1 ? "; a single action goes directly under action:" : ""));
      return Optional.empty();
    }
    List<Action.Tournament.Entrant> entrants = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < count; i++) {
      Node item = items.get().get(i);
      String at = path + "[" + i + "]";
      Optional<Node> nested = nestedChoice(item);
      if (nested.isPresent()) {
        read.error(
            nested.get(),
            at,
            "a candidate cannot itself be a tryBoth or a tournament; list each of its actions as a"
                + " candidate of this tournament");
        complete = false;
        continue;
      }
      Optional<Action.Tournament.Entrant> entrant =
          read.mappingOf(CANDIDATE_KEYS, fields -> entrant(fields, ruleTraining)).bind(item, at);
      if (entrant.isPresent() && entrants.contains(entrant.get())) {
        read.error(
            item,
            at,
            "candidate "
                + (i + 1)
                + " is the same as candidate "
                + (entrants.indexOf(entrant.get()) + 1)
                + " (the same action and training), which would only train it twice; change its"
                + " action, noise seed or training");
        complete = false;
      }
      entrant.ifPresent(entrants::add);
      complete &= entrant.isPresent();
    }
    return complete ? Optional.of(entrants) : Optional.empty();
  }

  /** The key node of a {@code tryBoth:} or {@code tournament:} written as a candidate, if any. */
  private static Optional<Node> nestedChoice(Node item) {
    if (item instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        if (entry.getKeyNode() instanceof ScalarNode key
            && (key.getValue().equals("tryBoth") || key.getValue().equals("tournament"))) {
          return Optional.of(key);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Action.Tournament.Entrant> entrant(Fields candidate, TrainingPlan ruleTraining) {
    Optional<String> kind =
        candidate.exactlyOne(
            SINGLE_ACTION_KEYS,
            "a tournament candidate",
            "each candidate is one action; list another candidate for the other");
    Optional<Optional<TrainingPlan>> training =
        candidate.optional(
            "training", plans.training(ruleTraining).map(Optional::of), Optional.empty());
    if (kind.isEmpty() || training.isEmpty()) {
      return Optional.empty();
    }
    return singleAction(
            kind.get(), candidate.get(kind.get()).orElseThrow(), candidate.path(kind.get()))
        .map(action -> new Action.Tournament.Entrant(action, training.get()));
  }

  // ---- single transforms

  private Optional<Action> widen(Fields widen) {
    Optional<LayerSelection> layers =
        widen.optional("layers", this::layerSelection, new LayerSelection.AllHidden());
    Optional<String> how =
        widen.exactlyOne(
            List.of("factor", "width"),
            "widen",
            "a factor multiplies each layer's width, a width sets it");
    Optional<WidthChange> change =
        how.flatMap(
            key -> {
              Node value = widen.get(key).orElseThrow();
              return key.equals("factor")
                  ? read.number(
                          value,
                          widen.path(key),
                          f -> f > 1 && f <= 16,
                          "a factor above 1 and at most 16")
                      .map(WidthChange.ByFactor::new)
                  : read.integer(value, widen.path(key), 2, 1 << 20)
                      .map(w -> new WidthChange.ToWidth(Math.toIntExact(w)));
            });
    Optional<Double> noise = noise(widen);
    Optional<OptionalLong> seed =
        widen.optional(
            "seed",
            (n, path) -> read.integer(n, path, 0, Long.MAX_VALUE).map(OptionalLong::of),
            OptionalLong.empty());
    if (layers.isEmpty() || change.isEmpty() || noise.isEmpty() || seed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Widen(layers.get(), change.get(), noise.get(), seed.get()));
  }

  private Optional<Double> noise(Fields fields) {
    return fields.optional(
        "noise",
        (n, path) ->
            read.number(
                n,
                path,
                d -> d >= 0 && d <= 1,
                "a standard deviation from 0 to 1 (0 keeps the function exactly)"),
        Action.DEFAULT_NOISE);
  }

  private Optional<LayerSelection> layerSelection(Node node, String path) {
    if (node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.STR)
        && scalar.getValue().equals(ALL_HIDDEN)) {
      return Optional.of(new LayerSelection.AllHidden());
    }
    if (node instanceof SequenceNode) {
      Optional<List<Node>> items = read.list(node, path);
      if (items.isEmpty()) {
        return Optional.empty();
      }
      if (items.get().isEmpty()) {
        read.error(
            node,
            path,
            "expected at least one layer, found an empty list (write layers: "
                + ALL_HIDDEN
                + " for every hidden layer)");
        return Optional.empty();
      }
      List<PolicyLayer> layers = new ArrayList<>();
      boolean complete = true;
      for (int i = 0; i < items.get().size(); i++) {
        Node item = items.get().get(i);
        Optional<PolicyLayer> layer = layer(item, path + "[" + i + "]", true);
        if (layer.isPresent() && layers.contains(layer.get())) {
          read.error(item, path + "[" + i + "]", layer.get().describe() + " is listed twice");
          complete = false;
        }
        layer.ifPresent(layers::add);
        complete &= layer.isPresent();
      }
      return complete ? Optional.of(new LayerSelection.Listed(layers)) : Optional.empty();
    }
    return layer(node, path, false).map(layer -> new LayerSelection.Listed(List.of(layer)));
  }

  private Optional<PolicyLayer> layer(Node node, String path, boolean inList) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      return read.integer(node, path, 0, 100_000)
          .map(i -> new PolicyLayer.ByIndex(Math.toIntExact(i)));
    }
    Optional<String> name = read.string(node, path);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String value = name.get();
    if (value.equals(LAST_HIDDEN)) {
      return Optional.of(new PolicyLayer.LastHidden());
    }
    if (value.equals(ALL_HIDDEN)) {
      read.error(
          node,
          path,
          "'"
              + ALL_HIDDEN
              + "' selects every hidden layer and only stands alone, as layers: "
              + ALL_HIDDEN
              + (inList ? "; it cannot be one item of a list" : "; here one layer is expected"));
      return Optional.empty();
    }
    Optional<String> keyword = Suggestions.closest(value, List.of(ALL_HIDDEN, LAST_HIDDEN));
    if (keyword.isPresent()) {
      read.error(
          node,
          path,
          "'"
              + value
              + "' looks like the keyword '"
              + keyword.get()
              + "' misspelt; did you mean '"
              + keyword.get()
              + "'? (layers cannot be named like a keyword)");
      return Optional.empty();
    }
    return Optional.of(new PolicyLayer.ByName(value));
  }

  private Optional<Action> deepen(Fields deepen) {
    Optional<PolicyLayer> after =
        deepen.required("after", "after: " + LAST_HIDDEN, (n, path) -> layer(n, path, false));
    Optional<OptionalInt> kernel =
        deepen.optional("kernel", oddKernel().map(OptionalInt::of), OptionalInt.empty());
    Optional<Boolean> batchNorm = deepen.optional("batchNorm", read::bool, false);
    if (after.isEmpty() || kernel.isEmpty() || batchNorm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.Deepen(after.get(), kernel.get(), batchNorm.get()));
  }

  private NodeBinder<Integer> oddKernel() {
    return (node, path) ->
        read.integer(node, path, 1, 15)
            .map(Math::toIntExact)
            .filter(
                k -> {
                  if (k % 2 == 1) {
                    return true;
                  }
                  read.error(
                      node,
                      path,
                      "expected an odd kernel size (1, 3, 5, ...) so the identity convolution keeps the"
                          + " spatial size, found "
                          + k);
                  return false;
                });
  }

  /**
   * {@code all} (or no {@code merges:} at all) for every merge vertex, or a list of their names.
   */
  private Optional<MergeSelection> merges(Node node, String path) {
    if (node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.STR)
        && scalar.getValue().equals(ALL_MERGES)) {
      return Optional.of(new MergeSelection.AllMerges());
    }
    if (!(node instanceof SequenceNode)) {
      read.error(
          node,
          path,
          "expected 'all' or a list of merge vertex names, found " + NodeReader.describe(node));
      return Optional.empty();
    }
    Optional<List<Node>> items = read.list(node, path);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      read.error(
          node,
          path,
          "expected at least one merge vertex, found an empty list (omit merges for all)");
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

  private Optional<Action> widenTowers(Fields widen) {
    Optional<MergeSelection> merges =
        widen.optional("merges", this::merges, new MergeSelection.AllMerges());
    Optional<Double> factor =
        widen.required(
            "factor",
            "factor: 1.5",
            (n, path) ->
                read.number(n, path, f -> f > 1 && f <= 16, "a factor above 1 and at most 16"));
    Optional<Double> noise = noise(widen);
    if (merges.isEmpty() || factor.isEmpty() || noise.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Action.WidenTowers(merges.get(), factor.get(), noise.get()));
  }

  private Optional<Action> deepenTowers(Fields deepen) {
    Optional<MergeSelection> merges =
        deepen.optional("merges", this::merges, new MergeSelection.AllMerges());
    Optional<Long> convs = deepen.optional("convs", (n, path) -> read.integer(n, path, 1, 8), 1L);
    Optional<Integer> kernel = deepen.optional("kernel", oddKernel(), 3);
    Optional<Boolean> batchNorm = deepen.optional("batchNorm", read::bool, false);
    if (merges.isEmpty() || convs.isEmpty() || kernel.isEmpty() || batchNorm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Action.DeepenTowers(
            merges.get(), Math.toIntExact(convs.get()), kernel.get(), batchNorm.get()));
  }
}
