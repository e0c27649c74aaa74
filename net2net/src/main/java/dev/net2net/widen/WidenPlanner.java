package dev.net2net.widen;

import dev.net2net.TransformException;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.Layouts;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.model.UnitCounts;
import dev.net2net.surgery.ParamEdit;
import dev.net2net.surgery.SurgeryPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

// Longer than 400 lines because the widening rules (what passes units through, what reads them,
// what a sum requires of its terms) all consult the same topology, unit counts and layouts during
// one walk; splitting the walk from its rules would pass that state back and forth. The inner Pass
// is the one stateful piece.
/**
 * Plans Net2WiderNet on any topology.
 *
 * <p>One pass over the nodes in topological order carries each tensor's {@link UnitMap}: widened
 * layers replicate their incoming weights; per-unit layers (batch normalization, activations,
 * pooling) replicate their parameters and pass the map on; flattens spread it over positions;
 * concatenations place it at an offset; and every weighted reader replicates its input rows and
 * divides them by the number of copies. Anything else the map reaches is refused, naming it.
 *
 * <p>A sum (add, subtract, average, max) is preserved only if all its terms are replicated alike.
 * When the pass finds a sum whose other terms are not widened, it follows each such term back
 * through per-unit layers, sums and concatenations to the dense or convolution layers that produce
 * it and widens them with the map the sum needs (for a residual stream, that is the one shared
 * mapping of every layer writing to it); then it starts again, until every sum agrees. A term that
 * no layer produces (a network input, an unsupported vertex) or a concatenation whose inputs would
 * have to swap units is refused, naming it.
 */
final class WidenPlanner {

  private static final String SUPPORTED =
      "Net2WiderNet passes through batch normalization, PReLU, element-wise"
          + " multiplication layers, depthwise convolutions, activations, dropout, pooling (2D, 1D, global), padding,"
          + " cropping, upsampling, flatten, time-distributed reshapes, concatenation and add/subtract/average/max"
          + " vertices, into dense, convolution (2D, 1D, separable) and output layers";
  private static final String WIDENABLE =
      "only DenseLayer, ConvolutionLayer, Convolution1DLayer and"
          + " SeparableConvolution2D (its pointwise output channels) can be widened";

  /** A sum's term that must be replicated by {@code map} because the sum's other terms are. */
  private record Requirement(String term, UnitMap map, String sum) {}

  private final ModelHandle teacher;
  private final Topology topology;
  private final WidenRequest request;
  private final UnitCounts units;
  private final Layouts layouts;

  WidenPlanner(ModelHandle teacher, WidenRequest request) {
    this.teacher = teacher;
    this.topology = teacher.topology();
    this.request = request;
    this.units = new UnitCounts(topology);
    this.layouts = new Layouts(topology);
  }

  WideningPlan plan() {
    String target = request.layer().resolve(teacher);
    requireWidenable(target, null);
    int oldWidth = width(target);
    int newWidth = request.width().resolve(oldWidth);
    WideningMapping mapping = WideningMapping.random(oldWidth, newWidth, request.seed());
    Map<String, UnitMap> producers = new LinkedHashMap<>();
    producers.put(target, UnitMap.of(mapping));
    // Each round either finds every sum consistent or adds at least one producer; there are
    // finitely many.
    for (int round = 0; round <= topology.order().size(); round++) {
      Pass pass = new Pass(producers);
      List<Requirement> needed = pass.run();
      if (needed.isEmpty()) {
        return new WideningPlan(pass.plan, target, producers.keySet(), oldWidth, newWidth);
      }
      int before = producers.size();
      for (Requirement requirement : needed) {
        require(requirement.term(), requirement.map(), requirement.sum(), producers);
      }
      if (producers.size() == before) {
        throw new IllegalStateException(
            "widening '" + target + "': a sum's terms could not be reconciled: " + needed);
      }
    }
    throw new IllegalStateException("widening '" + target + "' did not settle");
  }

  /**
   * Makes the tensor {@code term} replicated by {@code map}: follows it back to the layers that
   * produce it and records them as widened with that map.
   */
  private void require(String term, UnitMap map, String sum, Map<String, UnitMap> producers) {
    if (map.isIdentity()) {
      return;
    }
    Node node = topology.node(term);
    if (node instanceof Node.LayerNode l && LayerKinds.isWidenable(l.layer())) {
      requireWidenable(term, sum);
      if (width(term) != map.oldSize()) {
        throw new TransformException(
            "cannot widen '"
                + request.layer()
                + "': '"
                + term
                + "' feeds the sum at '"
                + sum
                + "' and must be widened with it, but has "
                + width(term)
                + " units where the sum has "
                + map.oldSize());
      }
      UnitMap existing = producers.get(term);
      if (existing != null && !existing.sameAs(map)) {
        throw new TransformException(
            "cannot widen '"
                + request.layer()
                + "': '"
                + term
                + "' would have to replicate"
                + " its units in two different ways at once (one of them for the sum at '"
                + sum
                + "'), which no single"
                + " widening can do");
      }
      producers.put(term, map);
    } else if (isPerUnitPassThrough(node)) {
      require(node.inputs().get(0), map, sum, producers);
    } else if (node instanceof Node.Vertex v && LayerKinds.isUnitWiseCombination(v.vertex())) {
      for (String input : v.inputs()) {
        require(input, map, sum, producers);
      }
    } else if (node instanceof Node.Vertex v && v.vertex() instanceof MergeVertex) {
      int[] sizes = v.inputs().stream().mapToInt(in -> Math.toIntExact(units.of(in))).toArray();
      List<UnitMap> parts =
          map.split(sizes)
              .orElseThrow(
                  () ->
                      new TransformException(
                          "cannot widen '"
                              + request.layer()
                              + "': the concatenation '"
                              + term
                              + "' (MergeVertex) is a term of the sum at '"
                              + sum
                              + "', and matching the sum's other terms would move units from one of its inputs into another; widen a"
                              + " layer inside one of the concatenated inputs instead, whose new units stay in place"));
      for (int i = 0; i < parts.size(); i++) {
        require(v.inputs().get(i), parts.get(i), sum, producers);
      }
    } else {
      throw new TransformException(
          "cannot widen '"
              + request.layer()
              + "': '"
              + term
              + "' ("
              + Topology.describe(node)
              + ") feeds the sum at '"
              + sum
              + "' together with widened units, and it cannot be widened with the same"
              + " mapping; every term of a sum must come from dense or convolution layers (through per-unit layers,"
              + " sums or concatenations)");
    }
  }

  /**
   * One pass of the widening over the topology, with a given set of widened layers and their maps.
   */
  private final class Pass {
    private final SurgeryPlan plan = new SurgeryPlan();
    private final Map<String, UnitMap> producers;
    private final Map<String, UnitMap> changed = new HashMap<>();
    private final List<Requirement> requirements = new ArrayList<>();

    Pass(Map<String, UnitMap> producers) {
      this.producers = producers;
    }

    List<Requirement> run() {
      for (Node node : topology.order()) {
        List<UnitMap> inputs = new ArrayList<>();
        node.inputs().forEach(in -> inputs.add(changed.get(in)));
        if (inputs.stream().anyMatch(Objects::nonNull)) {
          propagate(node, inputs);
        }
        UnitMap produced = producers.get(node.id());
        if (produced != null) {
          widenProducer((Node.LayerNode) node, produced);
          changed.put(node.id(), produced);
        }
        if (changed.containsKey(node.id()) && topology.isOutput(node.id())) {
          throw new TransformException(
              "cannot widen '"
                  + request.layer()
                  + "': the widened units would reach the"
                  + " network output '"
                  + node.id()
                  + "' ("
                  + Topology.describe(node)
                  + ") without a layer to fold them"
                  + " back");
        }
      }
      return requirements;
    }

    private void widenProducer(Node.LayerNode node, UnitMap produced) {
      Layer layer = node.layer();
      Map<String, INDArray> params = teacher.params(node.id());
      plan.edit(
          node.id(),
          LayerKinds.unitWeight(layer),
          weights(layer, produced.incoming(LayerKinds.unitAxis(layer))));
      if (params.containsKey("b")) {
        plan.edit(node.id(), "b", produced.incoming(params.get("b").rank() - 1));
      }
      plan.setNOut(node.id(), produced.newSize());
      plan.role(node.id(), "widened");
    }

    private void propagate(Node node, List<UnitMap> inputs) {
      if (node instanceof Node.LayerNode l) {
        propagateThroughLayer(l, inputs.get(0));
      } else if (node instanceof Node.Preprocessor p) {
        propagateThroughPreprocessor(p, inputs.get(0));
      } else if (node instanceof Node.Vertex v) {
        propagateThroughVertex(v, inputs);
      } else {
        throw new IllegalStateException("a network input cannot read a widened tensor");
      }
    }

    private void propagateThroughLayer(Node.LayerNode node, UnitMap in) {
      Layer layer = node.layer();
      String name = node.id();
      if (LayerKinds.isWeightedConsumer(layer)) {
        requireInputs(name, layer, in);
        consume(name, layer, "W", LayerKinds.inputAxis(layer), in);
        plan.setNIn(name, in.newSize());
        plan.role(name, "consumer");
      } else if (LayerKinds.isDepthwise(layer) || LayerKinds.isSeparable(layer)) {
        // Each input channel has depthMultiplier filters of its own: a copied channel copies them,
        // and so
        // copies the depthMultiplier output channels they make (c * dm + m).
        requireInputs(name, layer, in);
        int multiplier = LayerKinds.depthMultiplier(layer);
        boolean depthwise = LayerKinds.isDepthwise(layer);
        // Depthwise W is [kH, kW, nIn, dm]; a separable convolution's depthwise W is [dm, nIn, kH,
        // kW].
        plan.edit(name, "W", in.incoming(depthwise ? 2 : 1));
        plan.setNIn(name, in.newSize());
        UnitMap channels = in.perChannel(multiplier);
        if (depthwise) {
          if (teacher.params(name).containsKey("b")) {
            plan.edit(name, "b", channels.incoming(teacher.params(name).get("b").rank() - 1));
          }
          plan.setNOut(name, channels.newSize());
          plan.role(name, "per-unit");
          changed.put(name, channels);
        } else {
          // The pointwise part [nOut, nIn * dm, 1, 1] reads the depthwise channels.
          consume(name, layer, "pW", 1, channels);
          plan.role(name, "consumer");
        }
      } else if (LayerKinds.isPReLU(layer)) {
        replicateSlopes(node, (PReLULayer) layer, in);
        plan.role(name, "per-unit");
        changed.put(name, in);
      } else if (LayerKinds.isElementWiseMultiplication(layer)) {
        if (!LayerKinds.isElementWise(LayerKinds.activation(layer))) {
          throw refusal(
              node, "applies " + LayerKinds.activation(layer) + ", which normalises across units");
        }
        for (Map.Entry<String, INDArray> p : teacher.params(name).entrySet()) {
          plan.edit(name, p.getKey(), in.incoming(p.getValue().rank() - 1));
        }
        plan.setNIn(name, in.newSize());
        plan.setNOut(name, in.newSize());
        plan.role(name, "per-unit");
        changed.put(name, in);
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

    /**
     * The reader's rows (along {@code axis} of {@code key}) for the widened units: copied and
     * divided.
     */
    private void consume(String name, Layer layer, String key, int axis, UnitMap in) {
      plan.edit(name, key, weights(layer, in.outgoing(axis)));
      if (!request.noise().isNone()) {
        INDArray w = teacher.params(name).get(key);
        double stddev = request.noise().relativeStddev() * w.stdNumber().doubleValue();
        plan.edit(
            name,
            key,
            weights(
                layer,
                new ParamEdit.ReplicaNoise(
                    axis,
                    in.source(),
                    stddev,
                    request.seed() * 31 + name.hashCode(),
                    request.noise().zeroSum())));
      }
    }

    private void requireInputs(String name, Layer layer, UnitMap in) {
      long nIn = ((FeedForwardLayer) layer).getNIn();
      if (nIn != in.oldSize()) {
        throw new TransformException(
            "cannot widen into '"
                + name
                + "': it expects "
                + nIn
                + " inputs but the"
                + " widened tensor has "
                + in.oldSize()
                + " units before widening");
      }
    }

    /**
     * PReLU's slopes have the shape of its input without the examples ({@code [units]}, {@code [c,
     * h, w]}, {@code [h, w, c]}, {@code [c, t]}), with size 1 on the axes it shares a slope over. A
     * unit's slope is replicated with the unit, unless one slope is shared by all units; the
     * declared input shape grows with it.
     */
    private void replicateSlopes(Node.LayerNode node, PReLULayer layer, UnitMap in) {
      String name = node.id();
      Layouts.Layout layout =
          layouts
              .of(node.inputs().get(0))
              .orElseThrow(
                  () ->
                      refusal(
                          node,
                          "has slopes shaped like its input, and the input's layout (features, sequences or images) cannot be"
                              + " told from the configuration"));
      INDArray alpha = teacher.params(name).get("W");
      long[] shape = layer.getInputShape();
      int axis = layout.unitAxis() - 1;
      if (shape == null || shape.length != layout.rank() - 1 || alpha.rank() != shape.length) {
        throw refusal(
            node,
            "declares an input shape "
                + java.util.Arrays.toString(shape)
                + " that does not match"
                + " its "
                + layout
                + " input");
      }
      boolean shared = false;
      if (layer.getSharedAxes() != null) {
        for (long a : layer.getSharedAxes()) {
          shared |= a - 1 == axis;
        }
      }
      if (!shared) {
        if (alpha.size(axis) != in.oldSize()) {
          throw refusal(
              node,
              "has "
                  + alpha.size(axis)
                  + " slopes along the unit axis, not one per each of the "
                  + in.oldSize()
                  + " units");
        }
        plan.edit(name, "W", in.incoming(axis));
        long[] widened = shape.clone();
        widened[axis] = in.newSize();
        plan.setInputShape(name, widened);
      }
    }

    private void propagateThroughPreprocessor(Node.Preprocessor node, UnitMap in) {
      if (node.preprocessor() instanceof RnnToFeedForwardPreProcessor
          || node.preprocessor() instanceof FeedForwardToRnnPreProcessor) {
        // Time steps move to or from the example axis; every step keeps its units on their own
        // axis.
        changed.put(node.id(), in);
        return;
      }
      if (!(node.preprocessor() instanceof CnnToFeedForwardPreProcessor flatten)) {
        throw refusal(node, "reshapes the widened tensor in a way Net2WiderNet cannot follow");
      }
      long channels = flatten.getNumChannels();
      long positions = flatten.getInputHeight() * flatten.getInputWidth();
      if (channels != 0 && channels != in.oldSize()) {
        throw new TransformException(
            "the flatten '"
                + node.id()
                + "' expects "
                + channels
                + " channels but the"
                + " widened layer had "
                + in.oldSize());
      }
      if (positions == 0) {
        throw refusal(node, "does not record the height and width it flattens");
      }
      CnnToFeedForwardPreProcessor widened =
          new CnnToFeedForwardPreProcessor(
              flatten.getInputHeight(), flatten.getInputWidth(), in.newSize());
      widened.setFormat(flatten.getFormat());
      plan.replacePreprocessor(node.owner(), widened);
      changed.put(node.id(), in.flatten(Math.toIntExact(positions), flatten.getFormat()));
    }

    private void propagateThroughVertex(Node.Vertex node, List<UnitMap> inputs) {
      Object vertex = node.vertex();
      if (vertex instanceof MergeVertex merge) {
        int unitAxis =
            layouts
                .of(node.id())
                .map(Layouts.Layout::unitAxis)
                .orElse(MergeVertex.DEFAULT_MERGE_DIM);
        if (merge.getMergeAxis() != unitAxis) {
          throw refusal(
              node,
              "concatenates along axis "
                  + merge.getMergeAxis()
                  + ", not the unit (channel) axis "
                  + unitAxis);
        }
        List<UnitMap> parts = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
          UnitMap part = inputs.get(i);
          parts.add(
              part != null
                  ? part
                  : UnitMap.identity(Math.toIntExact(units.of(node.inputs().get(i)))));
        }
        changed.put(node.id(), UnitMap.concat(parts));
      } else if (LayerKinds.isUnitWiseCombination(vertex)) {
        UnitMap shared = null;
        for (int i = 0; i < inputs.size(); i++) {
          UnitMap term = inputs.get(i);
          if (term == null) {
            continue;
          }
          if (shared != null && !term.sameAs(shared)) {
            throw refusal(
                node,
                "combines '"
                    + node.inputs().get(i)
                    + "' with a differently widened input; all terms"
                    + " of a sum must be replicated alike");
          }
          shared = term;
        }
        for (int i = 0; i < inputs.size(); i++) {
          if (inputs.get(i) == null) {
            requirements.add(new Requirement(node.inputs().get(i), shared, node.id()));
          }
        }
        changed.put(node.id(), shared);
      } else if (LayerKinds.isPerUnitVertex(vertex)) {
        changed.put(node.id(), inputs.get(0));
      } else {
        String what =
            LayerKinds.elementWiseOp(vertex)
                .map(
                    op ->
                        "is an element-wise "
                            + op
                            + " vertex, which Net2WiderNet does not preserve")
                .orElse("is not supported by Net2WiderNet");
        throw refusal(node, what);
      }
    }
  }

  private void requireWidenable(String name, String because) {
    Node node = topology.node(name);
    String why =
        because == null ? "" : " (it feeds the sum at '" + because + "' with the layer to widen)";
    if (!(node instanceof Node.LayerNode layerNode)) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": it is a "
              + Topology.describe(node)
              + "; "
              + WIDENABLE);
    }
    Layer layer = layerNode.layer();
    if (layer instanceof BaseOutputLayer || topology.isOutput(name)) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": it is an output layer, and the output"
              + " layer is never widened (its units are the network's outputs)");
    }
    if (LayerKinds.isDepthwise(layer)) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": it is a DepthwiseConvolution2D, whose"
              + " output channels are its input channels times the depth multiplier; widen the layer before it, and"
              + " its channels grow with it");
    }
    if (!LayerKinds.isWidenable(layer)) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": it is a "
              + layer.getClass().getSimpleName()
              + "; "
              + WIDENABLE);
    }
    if (LayerKinds.hasLayerNorm(layer)) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": it normalises its units together"
              + " (DenseLayer with hasLayerNorm), and layer normalisation over replicated units has a different mean"
              + " and variance, so every output would change; only a dense layer without layer normalisation can be"
              + " widened");
    }
    if (!LayerKinds.isElementWise(LayerKinds.activation(layer))) {
      throw new TransformException(
          "cannot widen '"
              + name
              + "'"
              + why
              + ": its activation "
              + LayerKinds.activation(layer)
              + " normalises across units, so replicated units would change every output");
    }
  }

  /**
   * An edit of a layer's weights as the layer computes with them (a 1D convolution's: its kernel).
   */
  private static ParamEdit weights(Layer layer, ParamEdit edit) {
    return LayerKinds.isConvolution1D(layer) ? new ParamEdit.Convolution1DKernel(edit) : edit;
  }

  private int width(String layer) {
    return Math.toIntExact(((FeedForwardLayer) topology.layer(layer).layer()).getNOut());
  }

  private static boolean isPerUnitPassThrough(Node node) {
    if (node instanceof Node.LayerNode l) {
      return LayerKinds.isPerUnitWithoutParams(l.layer())
          || LayerKinds.isBatchNorm(l.layer())
          || LayerKinds.isPReLU(l.layer())
          || LayerKinds.isElementWiseMultiplication(l.layer());
    }
    return node instanceof Node.Vertex v && LayerKinds.isPerUnitVertex(v.vertex());
  }

  private TransformException refusal(Node node, String reason) {
    return new TransformException(
        "cannot widen '"
            + request.layer()
            + "': the widened units reach '"
            + node.id()
            + "' ("
            + Topology.describe(node)
            + "), which "
            + reason
            + ". "
            + SUPPORTED
            + ".");
  }
}
