package dev.net2net.towers;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.continuation.Continuation;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.ChainModel;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.LayerRef;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.report.TransformReport;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's whole-model experiments on Inception-style graphs, each one call and one report:
 * widen every tower of every Inception module by a factor, and deepen every tower by k identity
 * layers (or residual blocks). Works on any ComputationGraph whose modules end in a {@code
 * MergeVertex}; the towers are found from the graph's structure ({@link #find}), not from layer
 * names.
 *
 * <pre>{@code
 * Transformed<ComputationGraph> wider = Towers.widen(teacher, WidenTowersRequest.byFactor(1.85), probe);
 * Transformed<ComputationGraph> deeper = Towers.deepen(teacher, DeepenTowersRequest.of(4), probe);
 * }</pre>
 *
 * <p>Each is a sequence of single Net2WiderNet or Net2DeeperNet steps, each function-preserving on
 * its own, applied to the previous step's student; the report combines the steps' changes and, when
 * inputs are given, measures the final student against the teacher. The teacher is not modified. If
 * any step is refused, the whole operation is refused with that step's reason and nothing is
 * returned.
 */
public final class Towers {
  private Towers() {}

  /**
   * The Inception modules of a graph: every concatenation, with its towers, in topological order.
   */
  public static List<InceptionModule> find(Model model) {
    return find(ModelHandle.of(model));
  }

  /**
   * The Inception modules of a graph: every concatenation, with its towers, in topological order.
   */
  public static List<InceptionModule> find(ModelHandle model) {
    if (model instanceof ChainModel) {
      throw new TransformException(
          "a MultiLayerNetwork is a chain of layers and has no concatenations, so no"
              + " Inception towers; widen or deepen single layers instead");
    }
    Topology topology = model.topology();
    List<InceptionModule> modules = new ArrayList<>();
    for (Node node : topology.order()) {
      if (node instanceof Node.Vertex v && v.vertex() instanceof MergeVertex) {
        List<Tower> towers = new ArrayList<>();
        for (int i = 0; i < v.inputs().size(); i++) {
          towers.add(tower(topology, v.id(), i));
        }
        modules.add(new InceptionModule(v.id(), towers));
      }
    }
    if (modules.isEmpty()) {
      throw new TransformException(
          "the graph has no concatenation (MergeVertex), so it has no Inception towers to"
              + " grow; widen or deepen single layers instead. The graph has "
              + topology.layerNames());
    }
    return modules;
  }

  /**
   * The nodes that compute input {@code position} of {@code merge} and nothing else: the head, if
   * only the merge reads it, and then, in reverse topological order, every ancestor all of whose
   * readers are in the tower already.
   */
  private static Tower tower(Topology topology, String merge, int position) {
    String head = topology.node(merge).inputs().get(position);
    Set<String> ancestors = new HashSet<>();
    Deque<String> work = new ArrayDeque<>(List.of(head));
    while (!work.isEmpty()) {
      String id = work.pop();
      if (ancestors.add(id)) {
        work.addAll(topology.node(id).inputs());
      }
    }
    Set<String> tower = new HashSet<>();
    List<Node> order = topology.order();
    for (int i = order.size() - 1; i >= 0; i--) {
      Node node = order.get(i);
      if (!ancestors.contains(node.id()) || node instanceof Node.Input) {
        continue;
      }
      List<String> readers = topology.consumers(node.id());
      boolean exclusive =
          node.id().equals(head)
              ? readers.stream().allMatch(merge::equals)
              : !readers.isEmpty() && tower.containsAll(readers);
      if (exclusive) {
        tower.add(node.id());
      }
    }
    List<String> nodes = new ArrayList<>();
    List<String> layers = new ArrayList<>();
    for (Node node : order) {
      if (tower.contains(node.id())) {
        nodes.add(node.id());
        if (node instanceof Node.LayerNode l
            && LayerKinds.isWidenable(l.layer())
            && !(l.layer() instanceof BaseOutputLayer)) {
          layers.add(node.id());
        }
      }
    }
    return new Tower(merge, position, head, nodes, layers);
  }

  // ---- widen every tower

  /**
   * Widens every dense and convolution layer of every tower to its teacher's width times the
   * factor, one layer at a time (modules in topological order, towers in input order, layers in
   * topological order). Layers already at that width (widened with another because they share a
   * residual sum) are not widened again; layers the factor adds no unit to are left alone; both are
   * reported.
   *
   * @param probes optional inputs on which to measure the final student against the teacher
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> Transformed<T> widen(
      T teacher, WidenTowersRequest request, INDArray... probes) {
    ModelHandle handle = ModelHandle.of(teacher);
    List<InceptionModule> modules = selected(find(handle), request.modules());
    Map<String, Integer> targets = new LinkedHashMap<>();
    List<String> unchanged = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Width factor = Width.factor(request.factor());
    for (InceptionModule module : modules) {
      for (Tower tower : module.towers()) {
        for (String layer : tower.layers()) {
          // A layer of a tower nested in another tower belongs to both; it is widened once.
          if (!seen.add(layer)) {
            continue;
          }
          int width = width(handle, layer);
          long target = Math.round(width * request.factor());
          if (target <= width) {
            unchanged.add(layer + " (" + width + " units: the factor adds none)");
          } else {
            targets.put(layer, factor.resolve(width));
          }
        }
      }
    }
    if (targets.isEmpty()) {
      throw new TransformException(
          "no tower layer of "
              + names(modules)
              + " can be widened by "
              + request.factor()
              + (unchanged.isEmpty()
                  ? ": the towers hold no dense or convolution layer"
                  : ": " + unchanged));
    }
    Model current = teacher;
    List<TransformReport> steps = new ArrayList<>();
    long seed = request.seed();
    for (Map.Entry<String, Integer> target : targets.entrySet()) {
      int now = width(ModelHandle.of(current), target.getKey());
      if (now >= target.getValue()) {
        unchanged.add(
            target.getKey()
                + " (already "
                + now
                + " units, widened with a layer it shares a sum with)");
        continue;
      }
      WidenRequest step =
          new WidenRequest(
              LayerRef.named(target.getKey()),
              Width.units(target.getValue()),
              request.noise(),
              seed++,
              continuationOfStep(steps.size(), request.continuation()));
      Transformed<Model> result = Net2WiderNet.widen(current, step);
      steps.add(result.report());
      current = result.student();
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("factor", String.valueOf(request.factor()));
    settings.put("modules", names(modules));
    settings.put(
        "towers", String.valueOf(modules.stream().mapToLong(m -> m.towers().size()).sum()));
    settings.put("layers-widened", String.valueOf(steps.size()));
    if (!unchanged.isEmpty()) {
      settings.put("unchanged", String.join("; ", unchanged));
    }
    settings.put("noise", request.noise().toString());
    settings.put("seed", String.valueOf(request.seed()));
    return finish(
        handle,
        current,
        "widen-towers",
        names(modules),
        settings,
        steps,
        request.continuation(),
        probes);
  }

  // ---- deepen every tower

  /**
   * Inserts {@code layers} identity layers (or residual blocks) at the end of every tower, one
   * after another, just before the concatenation. Pass-through towers (no layers of their own) are
   * skipped and reported: deepening them would deepen the branch point, which every other tower
   * reads too.
   *
   * @param data inputs on which inserted batch normalizations measure their statistics and the
   *     final student is measured against the teacher; may be empty when no batch normalization is
   *     inserted
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> Transformed<T> deepen(
      T teacher, DeepenTowersRequest request, INDArray... data) {
    ModelHandle handle = ModelHandle.of(teacher);
    List<InceptionModule> modules = selected(find(handle), request.modules());
    List<String> skipped = new ArrayList<>();
    List<Tower> towers = new ArrayList<>();
    for (InceptionModule module : modules) {
      for (Tower tower : module.towers()) {
        if (tower.isPassThrough()) {
          skipped.add(
              tower.merge() + "[" + tower.position() + "] (reads '" + tower.head() + "' directly)");
        } else {
          towers.add(tower);
        }
      }
    }
    if (towers.isEmpty()) {
      throw new TransformException(
          "every tower of "
              + names(modules)
              + " reads its branch point directly; there is"
              + " no tower of its own to deepen");
    }
    Model current = teacher;
    List<TransformReport> steps = new ArrayList<>();
    for (Tower tower : towers) {
      for (int k = 0; k < request.layers(); k++) {
        // The tower's end is whatever the concatenation reads now, the last block inserted
        // included.
        String end =
            ModelHandle.of(current).topology().node(tower.merge()).inputs().get(tower.position());
        DeepenRequest step =
            DeepenRequest.after(LayerRef.named(end))
                .withKernel(request.kernel())
                .withBatchNorm(request.batchNorm())
                .withBlock(request.block())
                .withContinuation(continuationOfStep(steps.size(), request.continuation()));
        Transformed<Model> result = Net2DeeperNet.deepenWithoutMeasuring(current, step, data);
        steps.add(result.report());
        current = result.student();
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("layers-per-tower", String.valueOf(request.layers()));
    settings.put("block", request.block().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    settings.put("kernel", request.kernel() + "x" + request.kernel());
    settings.put(
        "batch-norm", request.batchNorm().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    settings.put("modules", names(modules));
    settings.put("towers-deepened", String.valueOf(towers.size()));
    if (!skipped.isEmpty()) {
      settings.put("skipped", String.join("; ", skipped));
    }
    return finish(
        handle,
        current,
        "deepen-towers",
        names(modules),
        settings,
        steps,
        request.continuation(),
        data);
  }

  // ---- shared

  /**
   * The first step fixes every rate at the requested scale of the teacher's current rate; the later
   * steps keep the rates as they are (scale 1 of a fixed rate), so the scale applies once, not once
   * per step. Every step treats the optimizer state as requested.
   */
  private static Continuation continuationOfStep(int index, Continuation requested) {
    return index == 0 ? requested : new Continuation(1.0, requested.optimizerState());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Model> Transformed<T> finish(
      ModelHandle teacher,
      Model student,
      String kind,
      String target,
      Map<String, String> settings,
      List<TransformReport> steps,
      Continuation continuation,
      INDArray[] probes) {
    settings.put("steps", String.valueOf(steps.size()));
    settings.put("lr-scale", String.valueOf(continuation.learningRateScale()));
    settings.put("optimizer-state", continuation.optimizerState().name().toLowerCase(Locale.ROOT));
    TransformReport report = TransformReport.combine(kind, target, settings, steps);
    if (probes.length > 0) {
      report =
          report.withPreservation(Preservation.measure(teacher, ModelHandle.of(student), probes));
    }
    return new Transformed<>((T) student, report);
  }

  private static List<InceptionModule> selected(List<InceptionModule> all, List<String> names) {
    if (names.isEmpty()) {
      return all;
    }
    Set<String> known = new LinkedHashSet<>();
    all.forEach(m -> known.add(m.merge()));
    List<InceptionModule> chosen = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      InceptionModule module =
          all.stream()
              .filter(m -> m.merge().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new TransformException(
                          "no concatenation (MergeVertex) named '"
                              + name
                              + "'; the graph's"
                              + " Inception modules are "
                              + known));
      chosen.add(module);
    }
    // Keep the graph's order, whatever order the names were given in.
    chosen.sort(java.util.Comparator.comparingInt(m -> List.copyOf(known).indexOf(m.merge())));
    return chosen;
  }

  private static String names(List<InceptionModule> modules) {
    return String.join(",", modules.stream().map(InceptionModule::merge).toList());
  }

  private static int width(ModelHandle model, String layer) {
    return Math.toIntExact(((FeedForwardLayer) model.topology().layer(layer).layer()).getNOut());
  }
}
