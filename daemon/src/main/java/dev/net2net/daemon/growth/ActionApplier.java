package dev.net2net.daemon.growth;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.continuation.Continuation;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.LayerRef;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.report.TransformReport;
import dev.net2net.report.Widening;
import dev.net2net.towers.DeepenTowersRequest;
import dev.net2net.towers.Towers;
import dev.net2net.towers.WidenTowersRequest;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Carries out a policy's action on the champion: which layers "all hidden" and "last hidden" mean
 * in this network, one transform per layer in order, and the output difference measured once at the
 * end on real inputs. A tournament in one job (a job enqueued as "try both" before tournaments)
 * gives a candidate per entrant; everything else one.
 */
public final class ActionApplier {
  private final Continuation continuation;
  private final long seed;
  private final INDArray probes;
  private final INDArray statistics;

  /**
   * @param probes held-out inputs on which the output difference is measured
   * @param statistics training inputs from which an inserted batch normalization takes its
   *     statistics
   */
  public ActionApplier(Continuation continuation, long seed, INDArray probes, INDArray statistics) {
    this.continuation = continuation;
    this.seed = seed;
    this.probes = probes;
    this.statistics = statistics;
  }

  public List<Candidate> apply(Action action, Model champion) {
    if (action instanceof Action.Tournament tournament) {
      // All candidates in one job: what a job enqueued as tryBoth before tournaments asks for.
      // A tournament decided now has one job per candidate and reaches here one action at a time.
      List<Candidate> candidates = new ArrayList<>();
      for (Action.Tournament.Entrant entrant : tournament.entrants()) {
        candidates.addAll(apply(entrant.action(), champion));
      }
      return candidates;
    }
    List<TransformReport> steps = new ArrayList<>();
    Model student = champion;
    String label;
    if (action instanceof Action.Widen widen) {
      label = "widen";
      Set<String> done = new HashSet<>();
      for (String layer : layersToWiden(champion, widen.layers())) {
        if (done.contains(layer)) {
          continue;
        }
        int current = width(student, layer);
        Width width;
        if (widen.change() instanceof WidthChange.ByFactor f) {
          width = Width.factor(f.factor());
        } else {
          int target = ((WidthChange.ToWidth) widen.change()).width();
          if (target <= current) {
            continue;
          }
          width = Width.units(target);
        }
        Noise noise = widen.noise() > 0 ? Noise.zeroSum(widen.noise()) : Noise.none();
        WidenRequest request =
            new WidenRequest(
                LayerRef.named(layer),
                width,
                noise,
                widen.seed().orElse(seed) + steps.size(),
                // One growth scales the rate once: each later layer's step keeps the rate the
                // first set, or a widen of k layers would train at scale^k of its parent's rate.
                steps.isEmpty() ? continuation : continuation.withLearningRateScale(1.0));
        Transformed<Model> step = Net2WiderNet.widen(student, request);
        student = step.student();
        steps.add(step.report());
        done.addAll(step.report().widening().map(Widening::widened).orElse(List.of(layer)));
      }
      if (steps.isEmpty()) {
        throw new TransformException("nothing to widen: no hidden layer is narrower than asked");
      }
    } else if (action instanceof Action.Deepen deepen) {
      label = "deepen";
      String after = resolve(champion, deepen.after());
      DeepenRequest request =
          DeepenRequest.after(LayerRef.named(after))
              .withName(insertedName(champion, after))
              .withKernel(deepen.kernel().orElse(DeepenRequest.DEFAULT_KERNEL))
              .withBatchNorm(deepen.batchNorm() ? BatchNormMode.IDENTITY : BatchNormMode.NONE)
              .withContinuation(continuation);
      Transformed<Model> step = Net2DeeperNet.deepen(student, request, statistics);
      student = step.student();
      steps.add(step.report());
    } else if (action instanceof Action.WidenTowers towers) {
      label = "widen-towers";
      WidenTowersRequest request =
          WidenTowersRequest.byFactor(towers.factor())
              .withNoise(towers.noise() > 0 ? Noise.zeroSum(towers.noise()) : Noise.none())
              .withSeed(seed)
              .withContinuation(continuation);
      if (towers.merges() instanceof MergeSelection.Named named) {
        request = request.withModules(named.vertices());
      }
      Transformed<Model> step = Towers.widen(student, request);
      student = step.student();
      steps.add(step.report());
    } else if (action instanceof Action.DeepenTowers towers) {
      label = "deepen-towers";
      DeepenTowersRequest request =
          DeepenTowersRequest.of(towers.convs())
              .withKernel(towers.kernel())
              .withBatchNorm(towers.batchNorm() ? BatchNormMode.IDENTITY : BatchNormMode.NONE)
              .withContinuation(continuation);
      if (towers.merges() instanceof MergeSelection.Named named) {
        request = request.withModules(named.vertices());
      }
      Transformed<Model> step = Towers.deepen(student, request, statistics);
      student = step.student();
      steps.add(step.report());
    } else {
      throw new TransformException(
          "the daemon cannot carry out '" + action.describe() + "' on this model");
    }
    Map<String, String> settings = new LinkedHashMap<>(steps.get(0).settings());
    settings.put("action", action.describe());
    TransformReport report =
        steps.size() == 1
            ? steps.get(0)
            : TransformReport.combine(
                    steps.get(0).kind(),
                    String.join(",", steps.stream().map(TransformReport::target).toList()),
                    settings,
                    steps)
                // Its widths, seed and noise are the first step's, as its settings are.
                .withWidening(steps.get(0).widening());
    report = report.withPreservation(Preservation.measure(champion, student, probes));
    return List.of(new Candidate(label, student, report));
  }

  /** Hidden dense and convolution layers in data-flow order, or the listed ones. */
  static List<String> layersToWiden(Model model, LayerSelection selection) {
    ModelHandle handle = ModelHandle.of(model);
    if (selection instanceof LayerSelection.Listed listed) {
      return listed.layers().stream().map(ref -> resolve(model, ref)).toList();
    }
    List<String> hidden = new ArrayList<>();
    for (Node.LayerNode node : handle.topology().layers()) {
      if (LayerKinds.isWidenable(node.layer())
          && !(node.layer() instanceof BaseOutputLayer)
          && !handle.topology().isOutput(node.id())) {
        hidden.add(node.id());
      }
    }
    return hidden;
  }

  static String resolve(Model model, PolicyLayer ref) {
    ModelHandle handle = ModelHandle.of(model);
    if (ref instanceof PolicyLayer.ByName n) {
      return LayerRef.named(n.name()).resolve(handle);
    }
    if (ref instanceof PolicyLayer.ByIndex i) {
      return LayerRef.indexed(i.index()).resolve(handle);
    }
    return lastHidden(handle.topology());
  }

  /** The node the (single) output layer reads, looking through its preprocessor. */
  static String lastHidden(Topology topology) {
    if (topology.outputs().size() != 1) {
      throw new TransformException(
          "'last-hidden' needs a network with one output; this one has " + topology.outputs());
    }
    Node node = topology.node(topology.outputs().get(0));
    String input = node.inputs().get(0);
    Node before = topology.node(input);
    if (before instanceof Node.Preprocessor p) {
      input = p.inputs().get(0);
    }
    if (topology.node(input) instanceof Node.Input) {
      throw new TransformException("the network has no hidden layer");
    }
    return input;
  }

  /**
   * {@code hidden1_deeper}, then {@code hidden1_deeper2}, ...: repeated deepening after the layer a
   * previous deepening inserted keeps the original layer's name as the stem.
   */
  static String insertedName(Model model, String after) {
    Topology topology = ModelHandle.of(model).topology();
    String stem = after.replaceFirst("_deeper\\d*$", "") + "_deeper";
    String name = stem;
    for (int i = 2;
        topology.contains(name)
            || topology.contains(name + "_bn")
            || topology.contains(name + "_act");
        i++) {
      name = stem + i;
    }
    return name;
  }

  private static int width(Model model, String layer) {
    var conf = ModelHandle.of(model).topology().layer(layer).layer();
    return Math.toIntExact(((FeedForwardLayer) conf).getNOut());
  }
}
