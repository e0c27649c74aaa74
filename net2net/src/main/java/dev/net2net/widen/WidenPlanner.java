package dev.net2net.widen;

import dev.net2net.TransformException;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.model.UnitCounts;
import dev.net2net.surgery.ParamEdit;
import dev.net2net.surgery.SurgeryPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plans Net2WiderNet on any topology.
 *
 * <p>First the <em>group</em>: the target, plus every layer that writes to a sum the target's output
 * reaches (a residual stream), because all terms of a sum must be replicated by one mapping. Then one
 * pass over the nodes in topological order carries each tensor's {@link UnitMap}: widened layers
 * replicate their incoming weights; per-unit layers (batch normalization, activations, pooling)
 * replicate their parameters and pass the map on; flattens spread it over positions; concatenations
 * place it at an offset; and every weighted reader replicates its input rows and divides them by the
 * number of copies. Anything else the map reaches is refused, naming it.
 */
final class WidenPlanner {

  private static final String SUPPORTED = "Net2WiderNet passes through batch normalization, activations, dropout,"
      + " pooling, padding, flatten, concatenation and add/subtract/average/max vertices, into dense, convolution"
      + " and output layers";

  private final ModelHandle teacher;
  private final Topology topology;
  private final WidenRequest request;
  private final SurgeryPlan plan = new SurgeryPlan();
  private final UnitCounts units;

  WidenPlanner(ModelHandle teacher, WidenRequest request) {
    this.teacher = teacher;
    this.topology = teacher.topology();
    this.request = request;
    this.units = new UnitCounts(topology);
  }

  WideningPlan plan() {
    String target = request.layer().resolve(teacher);
    requireWidenable(target, null);
    Set<String> group = group(target);
    int oldWidth = width(target);
    for (String member : group) {
      if (width(member) != oldWidth) {
        throw new TransformException("cannot widen '" + target + "': '" + member + "' must be widened with it (they"
            + " feed one sum) but has " + width(member) + " units, not " + oldWidth);
      }
    }
    int newWidth = request.width().resolve(oldWidth);
    WideningMapping mapping = WideningMapping.random(oldWidth, newWidth, request.seed());
    UnitMap produced = UnitMap.of(mapping);

    Map<String, UnitMap> changed = new HashMap<>();
    for (Node node : topology.order()) {
      List<UnitMap> inputs = new ArrayList<>();
      node.inputs().forEach(in -> inputs.add(changed.get(in)));
      if (inputs.stream().anyMatch(Objects::nonNull)) {
        propagate(node, inputs, changed);
      }
      if (group.contains(node.id())) {
        widenProducer((Node.LayerNode) node, produced, newWidth);
        changed.put(node.id(), produced);
      }
      if (changed.containsKey(node.id()) && topology.isOutput(node.id())) {
        throw new TransformException("cannot widen '" + target + "': the widened units would reach the network output '"
            + node.id() + "' (" + Topology.describe(node) + ") without a layer to fold them back");
      }
    }
    return new WideningPlan(plan, target, group, oldWidth, newWidth);
  }

  private void requireWidenable(String name, String because) {
    Node node = topology.node(name);
    String why = because == null ? "" : " (it feeds the sum at '" + because + "' with the layer to widen)";
    if (!(node instanceof Node.LayerNode layerNode)) {
      throw new TransformException("cannot widen '" + name + "'" + why + ": it is a " + Topology.describe(node)
          + "; only DenseLayer and ConvolutionLayer can be widened");
    }
    Layer layer = layerNode.layer();
    if (layer instanceof BaseOutputLayer || topology.isOutput(name)) {
      throw new TransformException("cannot widen '" + name + "'" + why + ": it is an output layer, and the output"
          + " layer is never widened (its units are the network's outputs)");
    }
    if (!LayerKinds.isWidenable(layer)) {
      throw new TransformException("cannot widen '" + name + "'" + why + ": it is a "
          + layer.getClass().getSimpleName() + "; only DenseLayer and ConvolutionLayer can be widened");
    }
    if (!LayerKinds.isElementWise(LayerKinds.activation(layer))) {
      throw new TransformException("cannot widen '" + name + "'" + why + ": its activation "
          + LayerKinds.activation(layer) + " normalises across units, so replicated units would change every output");
    }
  }

  private int width(String layer) {
    return Math.toIntExact(((FeedForwardLayer) topology.layer(layer).layer()).getNOut());
  }

  /** The target and every layer that must share its mapping because their outputs meet in a sum. */
  private Set<String> group(String target) {
    Set<String> group = new LinkedHashSet<>(List.of(target));
    Deque<String> work = new ArrayDeque<>(group);
    while (!work.isEmpty()) {
      String producer = work.pop();
      Deque<String> frontier = new ArrayDeque<>(topology.consumers(producer));
      Set<String> seen = new HashSet<>();
      while (!frontier.isEmpty()) {
        String id = frontier.pop();
        if (!seen.add(id)) {
          continue;
        }
        Node node = topology.node(id);
        if (isPerUnitPassThrough(node)) {
          frontier.addAll(topology.consumers(id));
        } else if (node instanceof Node.Vertex v && LayerKinds.isUnitWiseCombination(v.vertex())) {
          for (String input : v.inputs()) {
            for (String term : producersOf(input, id)) {
              if (group.add(term)) {
                work.push(term);
              }
            }
          }
          frontier.addAll(topology.consumers(id));
        }
      }
    }
    return group;
  }

  /** The widenable layers that produce a tensor, looking back through per-unit layers and sums. */
  private List<String> producersOf(String id, String sum) {
    Node node = topology.node(id);
    if (node instanceof Node.LayerNode l && LayerKinds.isWidenable(l.layer())) {
      requireWidenable(id, sum);
      return List.of(id);
    }
    if (isPerUnitPassThrough(node)) {
      return producersOf(node.inputs().get(0), sum);
    }
    if (node instanceof Node.Vertex v && LayerKinds.isUnitWiseCombination(v.vertex())) {
      List<String> all = new ArrayList<>();
      v.inputs().forEach(in -> all.addAll(producersOf(in, sum)));
      return all;
    }
    throw new TransformException("cannot widen: '" + id + "' (" + Topology.describe(node) + ") feeds the sum at '"
        + sum + "' together with the layer to widen, and it cannot be widened with the same mapping; every term"
        + " of a sum must come from a dense or convolution layer (through per-unit layers)");
  }

  private static boolean isPerUnitPassThrough(Node node) {
    if (node instanceof Node.LayerNode l) {
      return LayerKinds.isPerUnitWithoutParams(l.layer()) || LayerKinds.isBatchNorm(l.layer());
    }
    return node instanceof Node.Vertex v && LayerKinds.isPerUnitVertex(v.vertex());
  }

  private void widenProducer(Node.LayerNode node, UnitMap produced, int newWidth) {
    Layer layer = node.layer();
    Map<String, INDArray> params = teacher.params(node.id());
    plan.edit(node.id(), "W", produced.incoming(LayerKinds.unitAxis(layer)));
    if (params.containsKey("b")) {
      plan.edit(node.id(), "b", produced.incoming(params.get("b").rank() - 1));
    }
    plan.setNOut(node.id(), newWidth);
    plan.role(node.id(), "widened");
  }

  private void propagate(Node node, List<UnitMap> inputs, Map<String, UnitMap> changed) {
    if (node instanceof Node.LayerNode l) {
      propagateThroughLayer(l, inputs.get(0), changed);
    } else if (node instanceof Node.Preprocessor p) {
      propagateThroughPreprocessor(p, inputs.get(0), changed);
    } else if (node instanceof Node.Vertex v) {
      propagateThroughVertex(v, inputs, changed);
    } else {
      throw new IllegalStateException("a network input cannot read a widened tensor");
    }
  }

  private void propagateThroughLayer(Node.LayerNode node, UnitMap in, Map<String, UnitMap> changed) {
    Layer layer = node.layer();
    String name = node.id();
    if (LayerKinds.isWeightedConsumer(layer)) {
      long nIn = ((FeedForwardLayer) layer).getNIn();
      if (nIn != in.oldSize()) {
        throw new TransformException("cannot widen into '" + name + "': it expects " + nIn + " inputs but the"
            + " widened tensor has " + in.oldSize() + " units before widening");
      }
      int axis = LayerKinds.inputAxis(layer);
      plan.edit(name, "W", in.outgoing(axis));
      if (!request.noise().isNone()) {
        INDArray w = teacher.params(name).get("W");
        double stddev = request.noise().relativeStddev() * w.stdNumber().doubleValue();
        plan.edit(name, "W", new ParamEdit.ReplicaNoise(axis, in.source(), stddev,
            request.seed() * 31 + name.hashCode(), request.noise().zeroSum()));
      }
      plan.setNIn(name, in.newSize());
      plan.role(name, "consumer");
    } else if (LayerKinds.isBatchNorm(layer)) {
      for (Map.Entry<String, INDArray> p : teacher.params(name).entrySet()) {
        plan.edit(name, p.getKey(), in.incoming(p.getValue().rank() - 1));
      }
      plan.setNIn(name, in.newSize());
      plan.setNOut(name, in.newSize());
      plan.role(name, "per-unit");
      changed.put(name, in);
    } else if (LayerKinds.isPerUnitWithoutParams(layer)) {
      changed.put(name, in);
    } else {
      throw refusal(node, "mixes or reshapes units in a way Net2WiderNet cannot replicate");
    }
  }

  private void propagateThroughPreprocessor(Node.Preprocessor node, UnitMap in, Map<String, UnitMap> changed) {
    if (!(node.preprocessor() instanceof CnnToFeedForwardPreProcessor flatten)) {
      throw refusal(node, "reshapes the widened tensor in a way Net2WiderNet cannot follow");
    }
    long channels = flatten.getNumChannels();
    long positions = flatten.getInputHeight() * flatten.getInputWidth();
    if (channels != 0 && channels != in.oldSize()) {
      throw new TransformException("the flatten '" + node.id() + "' expects " + channels + " channels but the widened"
          + " layer had " + in.oldSize());
    }
    if (positions == 0) {
      throw refusal(node, "does not record the height and width it flattens");
    }
    CnnToFeedForwardPreProcessor widened = new CnnToFeedForwardPreProcessor(
        flatten.getInputHeight(), flatten.getInputWidth(), in.newSize());
    widened.setFormat(flatten.getFormat());
    plan.replacePreprocessor(node.owner(), widened);
    changed.put(node.id(), in.flatten(Math.toIntExact(positions), flatten.getFormat()));
  }

  private void propagateThroughVertex(Node.Vertex node, List<UnitMap> inputs, Map<String, UnitMap> changed) {
    Object vertex = node.vertex();
    if (vertex instanceof MergeVertex merge) {
      if (merge.getMergeAxis() != 1) {
        throw refusal(node, "concatenates along axis " + merge.getMergeAxis() + ", not the unit (channel) axis 1");
      }
      List<UnitMap> parts = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        UnitMap part = inputs.get(i);
        parts.add(part != null ? part : UnitMap.identity(Math.toIntExact(units.of(node.inputs().get(i)))));
      }
      changed.put(node.id(), UnitMap.concat(parts));
    } else if (LayerKinds.isUnitWiseCombination(vertex)) {
      UnitMap first = inputs.get(0);
      for (int i = 0; i < inputs.size(); i++) {
        UnitMap other = inputs.get(i);
        if (first == null || other == null || !other.sameAs(first)) {
          throw refusal(node, "combines '" + node.inputs().get(i) + "' with a differently widened input; all terms"
              + " of a sum must be replicated alike, which requires each to come from a widenable layer");
        }
      }
      changed.put(node.id(), first);
    } else if (LayerKinds.isPerUnitVertex(vertex)) {
      changed.put(node.id(), inputs.get(0));
    } else {
      String what = LayerKinds.elementWiseOp(vertex).map(op -> "is an element-wise " + op
          + " vertex, which Net2WiderNet does not preserve").orElse("is not supported by Net2WiderNet");
      throw refusal(node, what);
    }
  }

  private TransformException refusal(Node node, String reason) {
    return new TransformException("cannot widen '" + request.layer() + "': the widened units reach '" + node.id()
        + "' (" + Topology.describe(node) + "), which " + reason + ". " + SUPPORTED + ".");
  }
}
