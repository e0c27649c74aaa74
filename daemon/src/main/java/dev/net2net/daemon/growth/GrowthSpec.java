package dev.net2net.daemon.growth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.net2net.policies.evaluate.Growth;
import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.ContinuationPlan;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.registry.JsonDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a growth job asks for, self-contained so that any replica's worker can carry it out even if
 * the policy file changed meanwhile: the kind ({@code seed} for a model's first version, or {@code
 * grow}) and, for growth, the policy, rule, action, training plan and promotion gate. A
 * tournament's candidate job also names its {@link Seat}: its place among the candidates and the
 * champion version every candidate of the tournament grows from.
 */
public record GrowthSpec(
    Kind kind,
    String policy,
    String rule,
    Optional<Action> action,
    TrainingPlan training,
    PromotionGate gate,
    Optional<Seat> seat) {

  public enum Kind {
    SEED,
    GROW
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public GrowthSpec {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(policy);
    Objects.requireNonNull(rule);
    Objects.requireNonNull(action);
    Objects.requireNonNull(training);
    Objects.requireNonNull(gate);
    Objects.requireNonNull(seat);
    if (kind == Kind.GROW && action.isEmpty()) {
      throw new IllegalArgumentException("a growth needs an action");
    }
    if (seat.isPresent() && action.filter(a -> !(a instanceof Action.Tournament)).isEmpty()) {
      throw new IllegalArgumentException("a tournament's candidate grows by one single action");
    }
  }

  public GrowthSpec(
      Kind kind,
      String policy,
      String rule,
      Optional<Action> action,
      TrainingPlan training,
      PromotionGate gate) {
    this(kind, policy, rule, action, training, gate, Optional.empty());
  }

  /**
   * A candidate's place in its tournament: {@code index} of {@code of} (from 0), grown from the
   * champion version {@code champion} (the one at the decision, for every candidate alike).
   */
  public record Seat(int index, int of, int champion) {
    public Seat {
      if (of < 2 || index < 0 || index >= of || champion < 1) {
        throw new IllegalArgumentException(
            "candidate " + index + " of " + of + " from version " + champion);
      }
    }
  }

  /**
   * The jobs of a tournament, one per candidate: its own action, its own plan (or the rule's), the
   * rule's gate, and its seat.
   */
  public static List<GrowthSpec> candidates(Growth growth, int champion) {
    Action.Tournament tournament = (Action.Tournament) growth.action();
    List<GrowthSpec> specs = new ArrayList<>();
    for (int i = 0; i < tournament.entrants().size(); i++) {
      Action.Tournament.Entrant entrant = tournament.entrants().get(i);
      specs.add(
          new GrowthSpec(
              Kind.GROW,
              growth.policy(),
              growth.rule(),
              Optional.of(entrant.action()),
              entrant.training().orElse(growth.training()),
              growth.gate(),
              Optional.of(new Seat(i, tournament.entrants().size(), champion))));
    }
    return specs;
  }

  public static GrowthSpec seed() {
    return new GrowthSpec(
        Kind.SEED,
        "-",
        "seed",
        Optional.empty(),
        TrainingPlan.defaults(),
        PromotionGate.defaults());
  }

  public static GrowthSpec of(Growth growth) {
    return new GrowthSpec(
        Kind.GROW,
        growth.policy(),
        growth.rule(),
        Optional.of(growth.action()),
        growth.training(),
        growth.gate());
  }

  public JsonDocument toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", kind.name().toLowerCase());
    root.put("policy", policy);
    root.put("rule", rule);
    action.ifPresent(a -> root.set("action", action(a)));
    root.set("training", training(training));
    ObjectNode g = root.putObject("gate");
    g.put("metric", gate.metric().name());
    g.put("split", gate.metric().split().yamlName());
    g.put("mode", gate.metric().mode().yamlName());
    g.put("minImprovement", gate.minImprovement());
    gate.maxParameters().ifPresent(m -> g.put("maxParameters", m));
    seat.ifPresent(
        s -> {
          ObjectNode c = root.putObject("candidate");
          c.put("index", s.index());
          c.put("of", s.of());
          c.put("champion", s.champion());
        });
    return JsonDocument.parse(root.toString());
  }

  private static ObjectNode training(TrainingPlan training) {
    ObjectNode t = JSON.createObjectNode();
    t.put("learningRateScale", training.learningRateScale());
    t.put("epochs", training.epochs());
    training.batchSize().ifPresent(b -> t.put("batchSize", b));
    training
        .earlyStopping()
        .ifPresent(
            e -> {
              ObjectNode es = t.putObject("earlyStopping");
              es.put("patience", e.patience());
              es.put("minDelta", e.minDelta());
            });
    ObjectNode cont = t.putObject("continuation");
    cont.put("schedule", training.continuation().schedule().yamlName());
    cont.put("warmup", training.continuation().warmup());
    cont.put("optimizerState", training.continuation().optimizerState().yamlName());
    return t;
  }

  private static TrainingPlan parseTraining(JsonNode t) {
    return new TrainingPlan(
        t.path("learningRateScale").asDouble(0.1),
        t.path("epochs").asInt(TrainingPlan.DEFAULT_EPOCHS),
        t.has("batchSize") ? OptionalInt.of(t.get("batchSize").asInt()) : OptionalInt.empty(),
        t.has("earlyStopping")
            ? Optional.of(
                new TrainingPlan.EarlyStopping(
                    t.path("earlyStopping").path("patience").asInt(),
                    t.path("earlyStopping").path("minDelta").asDouble()))
            : Optional.empty(),
        continuation(t.path("continuation")));
  }

  private static ObjectNode action(Action a) {
    ObjectNode n = JSON.createObjectNode();
    if (a instanceof Action.Widen w) {
      n.put("type", "widen");
      if (w.layers() instanceof LayerSelection.Listed listed) {
        ArrayNode layers = n.putArray("layers");
        listed.layers().forEach(l -> layers.add(layer(l)));
      } else {
        n.put("layers", "all-hidden");
      }
      if (w.change() instanceof WidthChange.ByFactor f) {
        n.put("factor", f.factor());
      } else {
        n.put("width", ((WidthChange.ToWidth) w.change()).width());
      }
      n.put("noise", w.noise());
      w.seed().ifPresent(s -> n.put("seed", s));
    } else if (a instanceof Action.Deepen d) {
      n.put("type", "deepen");
      n.set("after", layer(d.after()));
      d.kernel().ifPresent(k -> n.put("kernel", k));
      n.put("batchNorm", d.batchNorm());
    } else if (a instanceof Action.Tournament t) {
      n.put("type", "tournament");
      n.put("deadlineMillis", t.deadline().toMillis());
      ArrayNode entrants = n.putArray("candidates");
      for (Action.Tournament.Entrant e : t.entrants()) {
        ObjectNode entrant = entrants.addObject();
        entrant.set("action", action(e.action()));
        e.training().ifPresent(plan -> entrant.set("training", training(plan)));
      }
    } else if (a instanceof Action.WidenTowers w) {
      n.put("type", "widenTowers");
      n.set("merges", merges(w.merges()));
      n.put("factor", w.factor());
      n.put("noise", w.noise());
    } else if (a instanceof Action.DeepenTowers d) {
      n.put("type", "deepenTowers");
      n.set("merges", merges(d.merges()));
      n.put("convs", d.convs());
      n.put("kernel", d.kernel());
      n.put("batchNorm", d.batchNorm());
    } else {
      throw new IllegalArgumentException("unknown action " + a);
    }
    return n;
  }

  private static JsonNode layer(PolicyLayer ref) {
    if (ref instanceof PolicyLayer.ByName n) {
      return JSON.getNodeFactory().textNode("name:" + n.name());
    }
    if (ref instanceof PolicyLayer.ByIndex i) {
      return JSON.getNodeFactory().numberNode(i.index());
    }
    return JSON.getNodeFactory().textNode("last-hidden");
  }

  private static JsonNode merges(MergeSelection merges) {
    if (merges instanceof MergeSelection.Named named) {
      ArrayNode list = JSON.createArrayNode();
      named.vertices().forEach(list::add);
      return list;
    }
    return JSON.getNodeFactory().textNode("all");
  }

  /**
   * A job's continuation; a job queued before continuations existed ran the reduced rate held
   * constant, optimizer state reset, and still does.
   */
  private static ContinuationPlan continuation(JsonNode c) {
    if (c.isMissingNode()) {
      return ContinuationPlan.constant();
    }
    return new ContinuationPlan(
        ContinuationPlan.Schedule.valueOf(c.path("schedule").asText("constant").toUpperCase()),
        c.path("warmup").asDouble(0),
        ContinuationPlan.OptimizerState.valueOf(
            c.path("optimizerState").asText("reset").toUpperCase()));
  }

  /**
   * Reads a job's spec; a spec that does not parse is a bug or tampering, reported with the job.
   */
  public static GrowthSpec parse(JsonDocument json) {
    JsonNode root = json.tree();
    Kind kind = Kind.valueOf(root.path("kind").asText("grow").toUpperCase());
    TrainingPlan training = parseTraining(root.path("training"));
    JsonNode g = root.path("gate");
    PromotionGate gate =
        g.isMissingNode()
            ? PromotionGate.defaults()
            : new PromotionGate(
                new MetricRef(
                    g.path("metric").asText("accuracy"),
                    g.path("split").asText("validation").equals("train")
                        ? Split.TRAIN
                        : Split.VALIDATION,
                    g.path("mode").asText("max").equals("min") ? Mode.MIN : Mode.MAX),
                g.path("minImprovement").asDouble(0),
                g.has("maxParameters")
                    ? OptionalLong.of(g.get("maxParameters").asLong())
                    : OptionalLong.empty());
    Optional<Action> action =
        root.has("action") ? Optional.of(parseAction(root.get("action"))) : Optional.empty();
    JsonNode c = root.path("candidate");
    Optional<Seat> seat =
        c.isMissingNode()
            ? Optional.empty()
            : Optional.of(
                new Seat(
                    c.path("index").asInt(), c.path("of").asInt(), c.path("champion").asInt()));
    return new GrowthSpec(
        kind,
        root.path("policy").asText("-"),
        root.path("rule").asText("-"),
        action,
        training,
        gate,
        seat);
  }

  private static Action parseAction(JsonNode n) {
    return switch (n.path("type").asText()) {
      case "widen" -> {
        LayerSelection layers;
        if (n.path("layers").isArray()) {
          List<PolicyLayer> refs = new ArrayList<>();
          n.get("layers").forEach(l -> refs.add(parseLayer(l)));
          layers = new LayerSelection.Listed(refs);
        } else {
          layers = new LayerSelection.AllHidden();
        }
        WidthChange change =
            n.has("factor")
                ? new WidthChange.ByFactor(n.get("factor").asDouble())
                : new WidthChange.ToWidth(n.get("width").asInt());
        yield new Action.Widen(
            layers,
            change,
            n.path("noise").asDouble(0),
            n.has("seed") ? OptionalLong.of(n.get("seed").asLong()) : OptionalLong.empty());
      }
      case "deepen" ->
          new Action.Deepen(
              parseLayer(n.get("after")),
              n.has("kernel") ? OptionalInt.of(n.get("kernel").asInt()) : OptionalInt.empty(),
              n.path("batchNorm").asBoolean());
      // Jobs enqueued before tournaments: two candidates in one job, as then.
      case "tryBoth" ->
          Action.Tournament.ofTwo(parseAction(n.get("first")), parseAction(n.get("second")));
      case "tournament" -> {
        List<Action.Tournament.Entrant> entrants = new ArrayList<>();
        n.get("candidates")
            .forEach(
                e ->
                    entrants.add(
                        new Action.Tournament.Entrant(
                            parseAction(e.get("action")),
                            e.has("training")
                                ? Optional.of(parseTraining(e.get("training")))
                                : Optional.empty())));
        yield new Action.Tournament(entrants, Duration.ofMillis(n.get("deadlineMillis").asLong()));
      }
      case "widenTowers" ->
          new Action.WidenTowers(
              parseMerges(n.get("merges")),
              n.get("factor").asDouble(),
              n.path("noise").asDouble(0));
      case "deepenTowers" ->
          new Action.DeepenTowers(
              parseMerges(n.get("merges")),
              n.get("convs").asInt(),
              n.path("kernel").asInt(3),
              n.path("batchNorm").asBoolean());
      default ->
          throw new IllegalArgumentException(
              "unknown action type '" + n.path("type").asText() + "'");
    };
  }

  private static PolicyLayer parseLayer(JsonNode n) {
    if (n.isInt()) {
      return new PolicyLayer.ByIndex(n.asInt());
    }
    String text = n.asText();
    return text.startsWith("name:")
        ? new PolicyLayer.ByName(text.substring(5))
        : new PolicyLayer.LastHidden();
  }

  private static MergeSelection parseMerges(JsonNode n) {
    if (n != null && n.isArray()) {
      List<String> names = new ArrayList<>();
      n.forEach(v -> names.add(v.asText()));
      return new MergeSelection.Named(names);
    }
    return new MergeSelection.AllMerges();
  }
}
