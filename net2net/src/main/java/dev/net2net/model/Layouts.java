package dev.net2net.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/**
 * The layout of the tensor each node outputs, read from the configuration: features ({@code [n,
 * units]}), sequences ({@code [n, c, t]} in NCW, {@code [n, t, c]} in NWC) or images ({@code [n, c,
 * h, w]} in NCHW, {@code [n, h, w, c]} in NHWC). The transforms need it to know which axis holds
 * the units a concatenation joins and what kind of layer an insertion needs.
 *
 * <p>Only what the configuration says is used; a node whose layout cannot be told (a network input,
 * a recurrent layer, an unknown vertex) has none, and the caller refuses with its own reason.
 */
public final class Layouts {

  /**
   * A tensor layout: rank 2 (features), rank 3 (sequences) or rank 4 (images). {@code channelsLast}
   * says whether units come last (NWC, NHWC) or right after the examples (NCW, NCHW); it is false
   * for features.
   */
  public record Layout(int rank, boolean channelsLast) {
    public static final Layout FEATURES = new Layout(2, false);

    public Layout {
      if (rank < 2 || rank > 4) {
        throw new IllegalArgumentException("only rank 2, 3 and 4 layouts exist here, got " + rank);
      }
      if (rank == 2 && channelsLast) {
        throw new IllegalArgumentException("features have their units on axis 1");
      }
    }

    public static Layout images(CNN2DFormat format) {
      return new Layout(4, format == CNN2DFormat.NHWC);
    }

    public static Layout sequences(RNNFormat format) {
      return new Layout(3, format == RNNFormat.NWC);
    }

    public boolean isImages() {
      return rank == 4;
    }

    public boolean isSequences() {
      return rank == 3;
    }

    /** The image format (NCHW for anything that is not channels-last images). */
    public CNN2DFormat format() {
      return rank == 4 && channelsLast ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
    }

    public RNNFormat rnnFormat() {
      return rank == 3 && channelsLast ? RNNFormat.NWC : RNNFormat.NCW;
    }

    /** The axis that indexes units: 1 for features, NCW and NCHW, 2 for NWC, 3 for NHWC. */
    public int unitAxis() {
      return channelsLast ? rank - 1 : 1;
    }

    /** The axes one unit's values spread over: the examples and the positions or time steps. */
    public int[] perUnitAxes() {
      int[] axes = new int[rank - 1];
      for (int i = 0, k = 0; i < rank; i++) {
        if (i != unitAxis()) {
          axes[k++] = i;
        }
      }
      return axes;
    }

    @Override
    public String toString() {
      return switch (rank) {
        case 2 -> "features";
        case 3 -> "sequences (" + rnnFormat() + ")";
        default -> "images (" + format() + ")";
      };
    }
  }

  private final Topology topology;
  private final Map<String, Optional<Layout>> memo = new HashMap<>();

  public Layouts(Topology topology) {
    this.topology = topology;
  }

  /** The layout of what {@code id} outputs, if the configuration tells. */
  public Optional<Layout> of(String id) {
    Optional<Layout> known = memo.get(id);
    if (known == null) {
      known = compute(topology.node(id));
      memo.put(id, known);
    }
    return known;
  }

  private Optional<Layout> compute(Node node) {
    if (node instanceof Node.LayerNode l) {
      return ofLayer(l);
    }
    if (node instanceof Node.Preprocessor p) {
      if (p.preprocessor() instanceof CnnToFeedForwardPreProcessor) {
        return Optional.of(Layout.FEATURES);
      }
      if (p.preprocessor() instanceof FeedForwardToCnnPreProcessor) {
        // DL4J's flat-to-image reshape always produces NCHW.
        return Optional.of(Layout.images(CNN2DFormat.NCHW));
      }
      if (p.preprocessor() instanceof RnnToFeedForwardPreProcessor) {
        // Time steps become examples; each step's units stay on axis 1.
        return Optional.of(Layout.FEATURES);
      }
      if (p.preprocessor() instanceof FeedForwardToRnnPreProcessor f) {
        return Optional.of(
            Layout.sequences(f.getRnnDataFormat() != null ? f.getRnnDataFormat() : RNNFormat.NCW));
      }
      return Optional.empty();
    }
    if (node instanceof Node.Vertex v
        && (v.vertex() instanceof MergeVertex
            || v.vertex() instanceof ElementWiseVertex
            || LayerKinds.isPerUnitVertex(v.vertex()))) {
      return of(v.inputs().get(0));
    }
    return Optional.empty();
  }

  private Optional<Layout> ofLayer(Node.LayerNode node) {
    Layer layer = node.layer();
    if (LayerKinds.isDense(layer) || layer instanceof BaseOutputLayer) {
      return Optional.of(Layout.FEATURES);
    }
    if (layer instanceof GlobalPoolingLayer g) {
      if (g.isCollapseDimensions()) {
        return Optional.of(Layout.FEATURES);
      }
      Optional<Layout> in = of(node.inputs().get(0));
      if (in.isPresent() && in.get().isSequences()) {
        return in;
      }
      int[] pooled = g.getPoolingDimensions();
      boolean nhwc = pooled != null && pooled.length == 2 && pooled[0] == 1 && pooled[1] == 2;
      return Optional.of(Layout.images(nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW));
    }
    if (LayerKinds.isConvolution1D(layer)) {
      RNNFormat format = ((Convolution1DLayer) layer).getRnnDataFormat();
      return Optional.of(Layout.sequences(format != null ? format : RNNFormat.NCW));
    }
    if (LayerKinds.isConvolution(layer)
        || LayerKinds.isDepthwise(layer)
        || LayerKinds.isSeparable(layer)) {
      CNN2DFormat format = ((ConvolutionLayer) layer).getCnn2dDataFormat();
      return Optional.of(Layout.images(format != null ? format : CNN2DFormat.NCHW));
    }
    if (LayerKinds.isPooling1D(layer) || LayerKinds.isSequenceReshape(layer)) {
      return of(node.inputs().get(0)).or(() -> Optional.of(Layout.sequences(RNNFormat.NCW)));
    }
    if (LayerKinds.isPooling(layer)) {
      CNN2DFormat format = ((SubsamplingLayer) layer).getCnn2dDataFormat();
      return Optional.of(Layout.images(format != null ? format : CNN2DFormat.NCHW));
    }
    if (layer instanceof ZeroPaddingLayer
        || layer instanceof Cropping2D
        || layer instanceof Upsampling2D) {
      return of(node.inputs().get(0)).or(() -> Optional.of(Layout.images(CNN2DFormat.NCHW)));
    }
    if (layer instanceof BatchNormalization bn) {
      Optional<Layout> in = of(node.inputs().get(0));
      if (in.isPresent() && in.get().isImages() && bn.getCnn2DFormat() != null) {
        return Optional.of(Layout.images(bn.getCnn2DFormat()));
      }
      return in;
    }
    if (layer instanceof ActivationLayer
        || layer instanceof DropoutLayer
        || LayerKinds.isPReLU(layer)
        || LayerKinds.isElementWiseMultiplication(layer)) {
      return of(node.inputs().get(0));
    }
    return Optional.empty();
  }
}
