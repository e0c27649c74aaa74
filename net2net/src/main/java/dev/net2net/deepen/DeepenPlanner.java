package dev.net2net.deepen;

import dev.net2net.TransformException;
import dev.net2net.model.ChainModel;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.Layouts;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.model.UnitCounts;
import dev.net2net.surgery.Initial;
import dev.net2net.surgery.ParamEdit;
import dev.net2net.surgery.SurgeryPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// Longer than 400 lines because where a layer goes, what activation and layout it sees, the
// statistics measured there and the no-rescale fold into the next layer all read the same
// topology; the new layers themselves are built in LayerFactory.
/**
 * Plans Net2DeeperNet: an identity layer (dense, or convolution with an identity kernel) after a
 * given layer or vertex, optionally followed by a batch normalization that starts as the identity;
 * or, in a graph, a residual block whose branch starts at zero.
 *
 * <p>The identity layer uses the activation that produced its input, which must be idempotent;
 * where the input was not produced by an activation (a batch normalization's output, a network
 * input) the inserted layer is linear, because nothing else is exact on arbitrary values. A
 * residual block needs no such activation: X + 0 is X whatever X is. Dense or convolution is chosen
 * by the tensor's {@link Layouts layout}, and new convolutions and batch normalizations take its
 * NCHW or NHWC format.
 */
final class DeepenPlanner {

  /**
   * A planned insertion.
   *
   * @param kind {@code dense} or {@code convolution}
   * @param activation the activation of the identity layer, or of a residual block's inner layer
   * @param sum the residual block's sum vertex, if a residual block is inserted
   */
  record Planned(
      SurgeryPlan plan,
      String after,
      List<String> inserted,
      String kind,
      IActivation activation,
      Optional<String> sum) {}

  private static final double MIN_VARIANCE = 1e-12;

  private final ModelHandle teacher;
  private final Topology topology;
  private final Layouts layouts;
  private final DeepenRequest request;
  private final SurgeryPlan plan = new SurgeryPlan();
  private final LayerFactory layers;

  DeepenPlanner(ModelHandle teacher, DeepenRequest request) {
    this.teacher = teacher;
    this.topology = teacher.topology();
    this.layouts = new Layouts(topology);
    this.request = request;
    this.layers = new LayerFactory(request.kernel(), dataType(), existingBatchNorm());
  }

  Planned plan(INDArray[] data) {
    String after = request.after().resolve(teacher);
    if (request.isResidual() && teacher instanceof ChainModel) {
      throw new TransformException(
          "cannot insert a residual block after '" + after + "': " + ChainModel.NO_SUMS);
    }
    Node anchor = topology.node(after);
    if (anchor instanceof Node.Input) {
      throw new TransformException(
          "cannot insert after '" + after + "': it is a network input; insert after a layer");
    }
    if (topology.isOutput(after)
        || (anchor instanceof Node.LayerNode l && l.layer() instanceof BaseOutputLayer)) {
      throw new TransformException(
          "cannot insert after '" + after + "': it is the network's output layer");
    }
    Layouts.Layout layout = layout(after);
    long units = new UnitCounts(topology).of(after);
    BaseLayer template = trainingTemplate(after);
    if (request.isResidual()) {
      return planResidual(after, layout, units, template);
    }
    IActivation activation = sourceActivation(after);
    if (!Idempotence.isIdempotent(activation)) {
      throw new TransformException(
          "cannot insert an identity layer after '"
              + after
              + "': its output comes from the "
              + activation
              + " activation, which is not idempotent (phi(phi(x)) != phi(x)), so no layer with that"
              + " activation can reproduce it. Net2DeeperNet needs one of: "
              + Idempotence.accepted()
              + ". "
              + (teacher instanceof ChainModel
                  ? "A residual block (which starts at zero) would preserve any activation, but "
                      + ChainModel.NO_SUMS
                      + "."
                  : "Insert a residual block instead (DeepenRequest.withResidual(), --residual on the command line):"
                      + " its last layer starts at zero, so it preserves any activation."));
    }
    String base = uniqueName(request.name().orElse(after + "_deeper"), "", "_bn", "_act");
    boolean conv = layout.isImages();
    CNN2DFormat format = layout.format();
    if (layout.isSequences() && request.batchNorm() != BatchNormMode.NONE) {
      throw new TransformException(
          "cannot insert a batch normalization after '"
              + after
              + "': it outputs "
              + layout
              + ", and the inserted batch normalization is offered for features and images only; insert the identity"
              + " 1D convolution alone");
    }
    Statistics stats =
        request.batchNorm() == BatchNormMode.NONE ? null : statistics(after, units, layout, data);

    IActivation layerActivation =
        request.batchNorm() == BatchNormMode.IDENTITY ? new ActivationIdentity() : activation;
    List<SurgeryPlan.NewLayer> chain = new ArrayList<>();
    chain.add(
        layout.isSequences()
            ? layers.identityConvolution1D(
                base, units, layout.rnnFormat(), layerActivation, template)
            : conv
                ? layers.identityConvolution(base, units, format, layerActivation, template)
                : layers.identityDense(base, units, layerActivation, template));
    if (request.batchNorm() == BatchNormMode.IDENTITY) {
      chain.add(layers.identityBatchNorm(base + "_bn", units, format, stats, template));
      if (!(activation instanceof ActivationIdentity)) {
        chain.add(layers.activationLayer(base + "_act", activation));
      }
    } else if (request.batchNorm() == BatchNormMode.NO_RESCALE) {
      chain.add(layers.unscaledBatchNorm(base + "_bn", units, format, stats, template));
      foldRescaleIntoReader(after, stats);
    }
    plan.insert(new SurgeryPlan.Insertion(after, chain));
    return new Planned(
        plan,
        after,
        chain.stream().map(SurgeryPlan.NewLayer::name).toList(),
        kind(layout),
        activation,
        Optional.empty());
  }

  // ---- the residual block

  /**
   * X -> inner (DL4J's random initialisation, ReLU, optionally batch normalization) -> zero layer,
   * and X + zero layer in place of X. The zero layer is linear with zero weights and bias, so the
   * branch outputs exactly 0 and the sum exactly X, whatever produced X.
   */
  private Planned planResidual(
      String after, Layouts.Layout layout, long units, BaseLayer template) {
    if (request.batchNorm() == BatchNormMode.NO_RESCALE) {
      throw new TransformException(
          "cannot insert a residual block after '"
              + after
              + "' with batch normalization"
              + " without rescale: the block's branch starts at zero, so there is no scale to fold into a reader; use"
              + " an identity batch normalization (or none) in the branch");
    }
    String base =
        uniqueName(
            request.name().orElse(after + "_res"),
            "_inner",
            "_inner_bn",
            "_inner_act",
            "_zero",
            "_add");
    boolean withBn = request.batchNorm() == BatchNormMode.IDENTITY;
    if (layout.isSequences() && withBn) {
      throw new TransformException(
          "cannot insert a residual block with batch normalization after '"
              + after
              + "': it outputs "
              + layout
              + ", and the inserted batch normalization is offered for features and images"
              + " only; insert the residual block without it");
    }
    IActivation relu = new ActivationReLU();
    List<SurgeryPlan.NewLayer> branch = new ArrayList<>();
    BaseLayer inner =
        layer(base + "_inner", units, layout, withBn ? new ActivationIdentity() : relu);
    CNN2DFormat format = layout.format();
    boolean conv = layout.isImages();
    LayerFactory.copyTrainingSettings(template, inner);
    // He initialisation suits the ReLU that follows; the network's own choice may suit another
    // activation.
    inner.setWeightInitFn(new WeightInitRelu());
    branch.add(SurgeryPlan.NewLayer.freshExcept(inner, Map.of()));
    if (withBn) {
      BatchNormalization bn = layers.batchNormalization(base + "_inner_bn", units, format).build();
      LayerFactory.copyTrainingSettings(template, bn);
      // DL4J starts it at gamma 1, beta 0, mean 0, variance 1; whatever it computes, the zero layer
      // after it
      // makes the branch's output 0.
      branch.add(SurgeryPlan.NewLayer.freshExcept(bn, Map.of()));
      branch.add(layers.activationLayer(base + "_inner_act", relu));
    }
    BaseLayer zero = layer(base + "_zero", units, layout, new ActivationIdentity());
    LayerFactory.copyTrainingSettings(template, zero);
    Map<String, Initial> zeros = new LinkedHashMap<>();
    zeros.put("W", Initial.zeros());
    zeros.put("b", Initial.zeros());
    branch.add(SurgeryPlan.NewLayer.starting(zero, zeros));
    String sum = base + "_add";
    plan.insertResidual(new SurgeryPlan.Residual(after, branch, sum));
    return new Planned(
        plan,
        after,
        branch.stream().map(SurgeryPlan.NewLayer::name).toList(),
        kind(layout),
        relu,
        Optional.of(sum));
  }

  private static String kind(Layouts.Layout layout) {
    return layout.isSequences() ? "convolution1d" : layout.isImages() ? "convolution" : "dense";
  }

  /**
   * A new dense layer, 2D convolution or 1D convolution over what the layout says the tensor holds.
   */
  private BaseLayer layer(String name, long units, Layouts.Layout layout, IActivation activation) {
    if (layout.isSequences()) {
      return layers.convolution1D(name, units, layout.rnnFormat(), activation);
    }
    return layout.isImages()
        ? layers.convolution(name, units, layout.format(), activation)
        : layers.dense(name, units, activation);
  }

  // ---- what the tensor at the insertion point is

  private Layouts.Layout layout(String id) {
    return layouts
        .of(id)
        .orElseThrow(
            () ->
                new TransformException(
                    "cannot insert after '"
                        + request.after()
                        + "': cannot tell whether '"
                        + id
                        + "' ("
                        + Topology.describe(topology.node(id))
                        + ") outputs features,"
                        + " sequences or images; Net2DeeperNet inserts after dense, convolution (2D, 1D, depthwise, separable),"
                        + " pooling, padding, batch normalization, PReLU, activation, dropout, merge and element-wise vertices"));
  }

  /**
   * The activation whose fixed points the tensor at {@code id} is known to lie in. Pooling (max,
   * average), dropout, padding and reshapes keep values within an activation's range; a batch
   * normalization or an input can produce anything, which only the identity reproduces.
   */
  private IActivation sourceActivation(String id) {
    Node node = topology.node(id);
    if (node instanceof Node.LayerNode l) {
      Layer layer = l.layer();
      if (layer instanceof ActivationLayer a) {
        return a.getActivationFn();
      }
      if (LayerKinds.isDense(layer)
          || LayerKinds.hasConvolutionWeights(layer)
          || LayerKinds.isDepthwise(layer)
          || LayerKinds.isSeparable(layer)) {
        return ((BaseLayer) layer).getActivationFn();
      }
      if (layer instanceof DropoutLayer
          || layer instanceof ZeroPaddingLayer
          || layer instanceof Cropping2D
          || layer instanceof Upsampling2D
          || LayerKinds.isSequenceReshape(layer)
          || (layer instanceof SubsamplingLayer s && keepsRange(s.getPoolingType()))
          || (layer instanceof GlobalPoolingLayer g && keepsRange(g.getPoolingType()))) {
        return sourceActivation(l.inputs().get(0));
      }
      return new ActivationIdentity();
    }
    if (node instanceof Node.Preprocessor p) {
      return sourceActivation(p.inputs().get(0));
    }
    if (node instanceof Node.Vertex v
        && (v.vertex() instanceof MergeVertex
            || LayerKinds.elementWiseOp(v.vertex())
                .filter(op -> op == ElementWiseVertex.Op.Max || op == ElementWiseVertex.Op.Average)
                .isPresent())) {
      // Concatenation, maximum and average stay within the inputs' common range.
      return commonActivation(v.inputs());
    }
    if (node instanceof Node.Vertex v
        && LayerKinds.elementWiseOp(v.vertex())
            .filter(op -> op == ElementWiseVertex.Op.Add)
            .isPresent()) {
      // A sum of non-negative values is non-negative; sums of bounded values are not bounded alike.
      IActivation common = commonActivation(v.inputs());
      return common instanceof ActivationReLU relu
              && relu.getMax() == null
              && relu.getThreshold() == null
          ? common
          : new ActivationIdentity();
    }
    return new ActivationIdentity();
  }

  private IActivation commonActivation(List<String> inputs) {
    IActivation first = sourceActivation(inputs.get(0));
    for (String in : inputs) {
      if (!sourceActivation(in).equals(first)) {
        return new ActivationIdentity();
      }
    }
    return first;
  }

  private static boolean keepsRange(PoolingType type) {
    return type == PoolingType.MAX || type == PoolingType.AVG;
  }

  /** The layer whose training settings (updater, regularization) the new layers copy. */
  private BaseLayer trainingTemplate(String id) {
    Node node = topology.node(id);
    if (node instanceof Node.LayerNode l
        && l.layer() instanceof BaseLayer b
        && b.getIUpdater() != null) {
      return b;
    }
    for (String in : node.inputs()) {
      BaseLayer found = trainingTemplateOrNull(in);
      if (found != null) {
        return found;
      }
    }
    return topology.layers().stream()
        .map(Node.LayerNode::layer)
        .filter(l -> l instanceof BaseLayer b && b.getIUpdater() != null)
        .map(BaseLayer.class::cast)
        .findFirst()
        .orElseThrow(
            () ->
                new TransformException(
                    "the network has no trainable layer to copy training settings from"));
  }

  private BaseLayer trainingTemplateOrNull(String id) {
    try {
      return trainingTemplate(id);
    } catch (TransformException e) {
      return null;
    }
  }

  /**
   * A name not taken by any node, with any of the given suffixes: {@code wanted}, or {@code
   * wanted2}, ...
   */
  private String uniqueName(String wanted, String... suffixes) {
    String name = wanted;
    for (int i = 2; taken(name, suffixes); i++) {
      name = wanted + i;
    }
    return name;
  }

  private boolean taken(String base, String... suffixes) {
    for (String suffix : suffixes) {
      if (topology.contains(base + suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For {@link BatchNormMode#NO_RESCALE}: the one layer reading the insertion point absorbs the
   * normalization, W' = W diag(s) and b' = b + W mean, where s = sqrt(var + eps) as DL4J computes
   * it.
   */
  private void foldRescaleIntoReader(String after, Statistics stats) {
    List<String> readers = topology.consumers(after);
    if (readers.size() != 1) {
      throw new TransformException(
          "batch normalization without rescale needs exactly one layer reading '"
              + after
              + "' to absorb the scale, found "
              + readers.size());
    }
    String readerId = readers.get(0);
    int positions = 1;
    CNN2DFormat flattenFormat = CNN2DFormat.NCHW;
    Node reader = topology.node(readerId);
    if (reader instanceof Node.Preprocessor p
        && p.preprocessor() instanceof CnnToFeedForwardPreProcessor f
        && topology.consumers(readerId).size() == 1) {
      positions = Math.toIntExact(f.getInputHeight() * f.getInputWidth());
      flattenFormat = f.getFormat();
      reader = topology.node(topology.consumers(readerId).get(0));
    }
    if (!(reader instanceof Node.LayerNode l) || !LayerKinds.isWeightedConsumer(l.layer())) {
      throw new TransformException(
          "batch normalization without rescale needs a dense, output or convolution layer"
              + " right after '"
              + after
              + "' to absorb the scale; found '"
              + reader.id()
              + "' ("
              + Topology.describe(reader)
              + ")");
    }
    Layer layer = l.layer();
    if (LayerKinds.hasConvolutionWeights(layer) && isPadded((ConvolutionLayer) layer)) {
      throw new TransformException(
          "cannot insert batch normalization without rescale after '"
              + after
              + "': it cannot"
              + " fold its shift into '"
              + l.id()
              + "', because that convolution pads its input with zeros, which the"
              + " shift would move; use --batch-norm identity");
    }
    Map<String, INDArray> params = teacher.params(l.id());
    if (!params.containsKey("b")) {
      throw new TransformException(
          "cannot insert batch normalization without rescale after '"
              + after
              + "': it needs '"
              + l.id()
              + "', which reads it, to have a bias to absorb the shift");
    }
    BatchNormalization existing = existingBatchNorm();
    double[] std =
        LayerFactory.standardDeviations(
            stats.variance(), existing != null ? existing.getEps() : 1e-5);
    double[] scale = new double[stats.mean().length * positions];
    double[] shift = new double[scale.length];
    int channels = stats.mean().length;
    for (int c = 0; c < channels; c++) {
      double s = std[c];
      for (int p = 0; p < positions; p++) {
        int index = flattenFormat == CNN2DFormat.NCHW ? c * positions + p : p * channels + c;
        scale[index] = s;
        shift[index] = stats.mean()[c];
      }
    }
    int[] identity = new int[scale.length];
    double[] inverse = new double[scale.length];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
      inverse[i] = 1.0 / scale[i];
    }
    INDArray w = params.get("W");
    INDArray b = params.get("b");
    INDArray mu = Nd4j.createFromArray(shift).castTo(w.dataType());
    INDArray delta =
        LayerKinds.hasConvolutionWeights(layer)
            ? w.sum(2, 3).mmul(mu.reshape(mu.length(), 1)).reshape(b.shape())
            : mu.reshape(1, mu.length()).mmul(w).reshape(b.shape());
    plan.edit(
        l.id(), "W", new ParamEdit.Gather(LayerKinds.inputAxis(layer), identity, scale, inverse));
    plan.edit(l.id(), "b", new ParamEdit.Add(delta));
    plan.role(l.id(), "rescaled");
  }

  private static boolean isPadded(ConvolutionLayer conv) {
    int[] kernel = conv.getKernelSize();
    boolean sameWithKernel =
        conv.getConvolutionMode() == ConvolutionMode.Same && (kernel[0] > 1 || kernel[1] > 1);
    int[] padding = conv.getPadding();
    return sameWithKernel || (padding != null && (padding[0] != 0 || padding[1] != 0));
  }

  private BatchNormalization existingBatchNorm() {
    return topology.layers().stream()
        .map(Node.LayerNode::layer)
        .filter(LayerKinds::isBatchNorm)
        .map(BatchNormalization.class::cast)
        .findFirst()
        .orElse(null);
  }

  private DataType dataType() {
    return teacher.model().params().dataType();
  }

  // ---- statistics of the activations at the insertion point

  record Statistics(double[] mean, double[] variance) {}

  private Statistics statistics(String after, long units, Layouts.Layout layout, INDArray[] data) {
    double[] mean = new double[Math.toIntExact(units)];
    double[] variance = new double[mean.length];
    if (data.length == 0) {
      java.util.Arrays.fill(variance, 1.0);
      return new Statistics(mean, variance);
    }
    INDArray activations = teacher.activations(data).get(after);
    if (activations == null) {
      throw new TransformException("cannot measure the activations of '" + after + "'");
    }
    INDArray x = activations.castTo(DataType.DOUBLE);
    int[] dims = layout.perUnitAxes();
    INDArray m = x.mean(dims);
    INDArray v = x.var(false, dims);
    for (int i = 0; i < mean.length; i++) {
      mean[i] = m.getDouble(i);
      variance[i] = Math.max(v.getDouble(i), MIN_VARIANCE);
    }
    return new Statistics(mean, variance);
  }

  private static double[] map(double[] values, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = f.applyAsDouble(values[i]);
    }
    return out;
  }
}
