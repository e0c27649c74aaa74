package dev.net2net.io;

import dev.net2net.model.ChainModel;
import dev.net2net.model.GraphModel;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

// Longer than 400 lines because it infers the input shape of any DL4J configuration (feed-forward,
// convolutional in both formats, recurrent, graphs with several inputs) with one case per input
// type; the cases share the same fallbacks and error messages.
/**
 * The shape of one example a model takes: features, images (NCHW or NHWC) or sequences (NCW or
 * NWC). Read from the model's configuration; where the configuration does not record a size (an
 * image's height and width, a sequence's length), DL4J's own shape arithmetic picks one the model
 * accepts, and a one-example run confirms it.
 */
public sealed interface InputShape {

  /** The shape of {@code n} examples. */
  long[] shape(long n);

  /** How many values one example has. */
  long values();

  /** DL4J's name for it. */
  InputType inputType();

  /**
   * The model's own word for it, for reports: {@code 13 features}, {@code images 3x32x32 (NHWC)}.
   */
  String describe();

  /**
   * Rows of {@link #values()} values, in the order of the example's tensor (c-order), shaped as
   * examples.
   */
  default INDArray fromRows(INDArray rows) {
    if (rows.rank() != 2 || rows.size(1) != values()) {
      throw new IllegalArgumentException(
          "rows of " + rows.size(1) + " values for examples of " + values());
    }
    return rows.reshape('c', shape(rows.size(0))).dup('c');
  }

  record Features(long size) implements InputShape {
    public Features {
      if (size < 1) {
        throw new IllegalArgumentException("a feature count must be positive: " + size);
      }
    }

    @Override
    public long[] shape(long n) {
      return new long[] {n, size};
    }

    @Override
    public long values() {
      return size;
    }

    @Override
    public String describe() {
      return size + " features";
    }

    @Override
    public InputType inputType() {
      return InputType.feedForward(size);
    }
  }

  record Images(long channels, long height, long width, CNN2DFormat format) implements InputShape {
    @Override
    public long[] shape(long n) {
      return format == CNN2DFormat.NHWC
          ? new long[] {n, height, width, channels}
          : new long[] {n, channels, height, width};
    }

    @Override
    public long values() {
      return channels * height * width;
    }

    @Override
    public String describe() {
      return "images of "
          + channels
          + " channel"
          + (channels == 1 ? "" : "s")
          + ", "
          + height
          + "x"
          + width
          + " ("
          + format
          + ")";
    }

    @Override
    public InputType inputType() {
      return InputType.convolutional(height, width, channels, format);
    }
  }

  record Sequences(long channels, long length, RNNFormat format) implements InputShape {
    @Override
    public long[] shape(long n) {
      return format == RNNFormat.NWC
          ? new long[] {n, length, channels}
          : new long[] {n, channels, length};
    }

    @Override
    public long values() {
      return channels * length;
    }

    @Override
    public String describe() {
      return "sequences of "
          + channels
          + " channel"
          + (channels == 1 ? "" : "s")
          + " x "
          + length
          + " steps ("
          + format
          + ")";
    }

    @Override
    public InputType inputType() {
      return InputType.recurrent(channels, length, format);
    }
  }

  /**
   * What a model's first layer says about its input, before any size that the configuration leaves
   * open.
   */
  sealed interface Kind {
    record FlatFeatures(long size) implements Kind {}

    record ImageChannels(long channels, CNN2DFormat format) implements Kind {}

    record SequenceChannels(long channels, RNNFormat format) implements Kind {}

    /** An embedding's class indices, {@code count} per example. */
    record ClassIndices(long count) implements Kind {}
  }

  /** Sizes tried, in order, where the model accepts any: Fashion-MNIST's side first. */
  long[] PREFERRED_SIZES = {28, 32, 16, 64, 8, 24, 12, 48, 96, 128};

  /**
   * The input shape of a one-input model, with {@code values} values per example if given (data
   * read from a file), else any size the model accepts.
   *
   * @throws ModelFileException if the model has several inputs, or its first layer does not say
   *     what it takes, or no size fits
   */
  static InputShape of(ModelHandle model, Optional<Long> values, Optional<int[]> dims) {
    if (model.inputCount() != 1) {
      throw new ModelFileException(
          "the model has "
              + model.inputCount()
              + " inputs; probe inputs are made for"
              + " models with one input only; skip the measurement with --probes 0");
    }
    Kind kind = kind(model);
    if (kind instanceof Kind.ClassIndices indices) {
      if (values.isEmpty()) {
        throw new ModelFileException(
            "the model's first layer reads class indices (an embedding), which random"
                + " inputs cannot stand for; give probe data with --data, or skip the measurement with --probes 0");
      }
      return new Features(values.get());
    }
    if (kind instanceof Kind.FlatFeatures f) {
      InputShape shape = new Features(f.size());
      values.ifPresent(v -> requireValues(v, shape));
      return shape;
    }
    for (InputShape candidate : candidates(kind, values, dims)) {
      if (accepts(model, candidate)) {
        return candidate;
      }
    }
    String wanted =
        kind instanceof Kind.ImageChannels i
            ? "images of " + i.channels() + " channels (" + i.format() + ")"
            : "sequences of " + ((Kind.SequenceChannels) kind).channels() + " channels";
    throw new ModelFileException(
        values
            .map(
                v ->
                    "the model takes "
                        + wanted
                        + ", and no size with "
                        + v
                        + " values per example fits it")
            .orElse("the model takes " + wanted + ", but no size up to 128 fits it"));
  }

  private static void requireValues(long values, InputShape shape) {
    if (values != shape.values()) {
      throw new ModelFileException(
          "the model takes "
              + shape.describe()
              + " ("
              + shape.values()
              + " values per"
              + " example); the data has "
              + values);
    }
  }

  private static List<InputShape> candidates(
      Kind kind, Optional<Long> values, Optional<int[]> dims) {
    Set<InputShape> out = new LinkedHashSet<>();
    if (kind instanceof Kind.ImageChannels i) {
      long c = i.channels();
      if (values.isPresent()) {
        long v = values.get();
        if (v % c != 0) {
          return List.of();
        }
        long positions = v / c;
        if (dims.isPresent() && dims.get().length >= 2) {
          int[] d = dims.get();
          out.add(new Images(c, d[0], d[1], i.format()));
        }
        long side = Math.round(Math.sqrt(positions));
        if (side * side == positions) {
          out.add(new Images(c, side, side, i.format()));
        }
        for (long h = 1; h <= positions; h++) {
          if (positions % h == 0) {
            out.add(new Images(c, h, positions / h, i.format()));
          }
        }
      } else {
        for (long s : PREFERRED_SIZES) {
          out.add(new Images(c, s, s, i.format()));
        }
        for (long s = 1; s <= 128; s++) {
          out.add(new Images(c, s, s, i.format()));
        }
      }
    } else if (kind instanceof Kind.SequenceChannels s) {
      long c = s.channels();
      if (values.isPresent()) {
        if (values.get() % c == 0) {
          out.add(new Sequences(c, values.get() / c, s.format()));
        }
      } else {
        for (long t : PREFERRED_SIZES) {
          out.add(new Sequences(c, t, s.format()));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Whether DL4J's shape arithmetic accepts the shape at every layer, and one example of zeros
   * runs.
   */
  private static boolean accepts(ModelHandle model, InputShape shape) {
    InputType type = shape.inputType();
    try {
      if (!flattensMatch(model, type)) {
        return false;
      }
      INDArray zeros =
          Nd4j.zeros(
              model.model().params().dataType() == DataType.DOUBLE
                  ? DataType.DOUBLE
                  : DataType.FLOAT,
              shape.shape(1));
      model.output(zeros);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Every flatten (CnnToFeedForward) records the height and width it expects; the types DL4J
   * computes for the given input must reach it with exactly those.
   */
  private static boolean flattensMatch(ModelHandle model, InputType input) {
    Map<String, InputType> types = new java.util.HashMap<>();
    if (model instanceof ChainModel chain) {
      MultiLayerConfiguration conf = chain.network().getLayerWiseConfigurations();
      List<InputType> perLayer = conf.getLayerActivationTypes(input);
      types.put(ChainModel.INPUT, input);
      List<Node.LayerNode> layers = model.topology().layers();
      for (int i = 0; i < layers.size(); i++) {
        types.put(layers.get(i).id(), perLayer.get(i));
      }
    } else if (model instanceof GraphModel graph) {
      ComputationGraphConfiguration conf = graph.graph().getConfiguration();
      types.putAll(conf.getLayerActivationTypes(input));
      types.put(conf.getNetworkInputs().get(0), input);
    }
    Topology topology = model.topology();
    for (Node node : topology.order()) {
      if (node instanceof Node.Preprocessor p
          && p.preprocessor() instanceof CnnToFeedForwardPreProcessor flatten
          && flatten.getInputHeight() > 0) {
        InputType reaching = types.get(p.inputs().get(0));
        if (!(reaching instanceof InputType.InputTypeConvolutional conv)
            || conv.getHeight() != flatten.getInputHeight()
            || conv.getWidth() != flatten.getInputWidth()) {
          return false;
        }
      }
    }
    return true;
  }

  /** What the first layer that cares about shapes takes. */
  private static Kind kind(ModelHandle model) {
    Topology topology = model.topology();
    String input = topology.order().get(0).id();
    List<String> readers = topology.consumers(input);
    if (readers.isEmpty()) {
      throw new ModelFileException("the model's input '" + input + "' is not read by any layer");
    }
    Node node = topology.node(readers.get(0));
    if (node instanceof Node.Preprocessor p
        && p.preprocessor() instanceof FeedForwardToCnnPreProcessor f) {
      return new Kind.FlatFeatures(f.getInputHeight() * f.getInputWidth() * f.getNumChannels());
    }
    if (node instanceof Node.Preprocessor p) {
      node = topology.node(p.owner());
    }
    while (node instanceof Node.LayerNode l
        && isShapeAgnostic(l.layer())
        && topology.consumers(node.id()).size() == 1
        && topology.node(topology.consumers(node.id()).get(0)) instanceof Node.LayerNode) {
      node = topology.node(topology.consumers(node.id()).get(0));
    }
    Layer layer = node instanceof Node.LayerNode l ? l.layer() : null;
    if (layer instanceof org.deeplearning4j.nn.conf.layers.EmbeddingLayer) {
      return new Kind.ClassIndices(1);
    }
    if (layer instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer e) {
      return new Kind.ClassIndices(Math.max(1, e.getInputLength()));
    }
    if (layer instanceof Convolution1DLayer c) {
      return new Kind.SequenceChannels(
          c.getNIn(), c.getRnnDataFormat() != null ? c.getRnnDataFormat() : RNNFormat.NCW);
    }
    if (layer instanceof BaseRecurrentLayer r) {
      return new Kind.SequenceChannels(
          r.getNIn(), r.getRnnDataFormat() != null ? r.getRnnDataFormat() : RNNFormat.NCW);
    }
    if (layer instanceof RnnOutputLayer r) {
      return new Kind.SequenceChannels(
          r.getNIn(), r.getRnnDataFormat() != null ? r.getRnnDataFormat() : RNNFormat.NCW);
    }
    if (layer instanceof ConvolutionLayer c) {
      return new Kind.ImageChannels(
          c.getNIn(), c.getCnn2dDataFormat() != null ? c.getCnn2dDataFormat() : CNN2DFormat.NCHW);
    }
    if (layer instanceof Subsampling1DLayer) {
      throw new ModelFileException(
          "the model starts with 1D pooling, which does not say how many channels its"
              + " sequences have; give probe data with --data");
    }
    if (layer instanceof SubsamplingLayer) {
      throw new ModelFileException(
          "the model starts with pooling, which does not say how many channels its images"
              + " have; give probe data with --data");
    }
    if (layer instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
      return new Kind.FlatFeatures(ff.getNIn());
    }
    throw new ModelFileException(
        "cannot tell what input the model's first layer '"
            + node.id()
            + "' ("
            + Topology.describe(node)
            + ") takes; give probe data with --data");
  }

  /** Layers that accept any shape, so they do not tell what the model takes. */
  private static boolean isShapeAgnostic(Layer layer) {
    return layer instanceof BatchNormalization
        || layer instanceof ActivationLayer
        || layer instanceof DropoutLayer
        || layer instanceof PReLULayer;
  }
}
