package dev.net2net.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
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

/**
 * The layout of the tensor each node outputs, read from the configuration: features ({@code [n, units]})
 * or images ({@code [n, c, h, w]} in NCHW, {@code [n, h, w, c]} in NHWC). The transforms need it to know
 * which axis holds the units a concatenation joins and what kind of layer an insertion needs.
 *
 * <p>Only what the configuration says is used; a node whose layout cannot be told (a network input, a
 * recurrent layer, an unknown vertex) has none, and the caller refuses with its own reason.
 */
public final class Layouts {

  /** A tensor layout: rank 2 (features) or rank 4 (images, in a given format). */
  public record Layout(int rank, CNN2DFormat format) {
    public static final Layout FEATURES = new Layout(2, CNN2DFormat.NCHW);

    public Layout {
      Objects.requireNonNull(format, "format");
      if (rank != 2 && rank != 4) {
        throw new IllegalArgumentException("only rank 2 and rank 4 layouts exist here, got " + rank);
      }
    }

    public static Layout images(CNN2DFormat format) {
      return new Layout(4, format);
    }

    public boolean isImages() {
      return rank == 4;
    }

    /** The axis that indexes units: 1 for features and NCHW images, 3 for NHWC images. */
    public int unitAxis() {
      return rank == 4 && format == CNN2DFormat.NHWC ? 3 : 1;
    }

    @Override
    public String toString() {
      return rank == 2 ? "features" : "images (" + format + ")";
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
      return Optional.empty();
    }
    if (node instanceof Node.Vertex v && (v.vertex() instanceof MergeVertex
        || v.vertex() instanceof ElementWiseVertex || LayerKinds.isPerUnitVertex(v.vertex()))) {
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
      int[] pooled = g.getPoolingDimensions();
      boolean nhwc = pooled != null && pooled.length == 2 && pooled[0] == 1 && pooled[1] == 2;
      return Optional.of(Layout.images(nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW));
    }
    if (LayerKinds.isConvolution(layer)) {
      CNN2DFormat format = ((ConvolutionLayer) layer).getCnn2dDataFormat();
      return Optional.of(Layout.images(format != null ? format : CNN2DFormat.NCHW));
    }
    if (LayerKinds.isPooling(layer)) {
      CNN2DFormat format = ((SubsamplingLayer) layer).getCnn2dDataFormat();
      return Optional.of(Layout.images(format != null ? format : CNN2DFormat.NCHW));
    }
    if (layer instanceof ZeroPaddingLayer || layer instanceof Cropping2D || layer instanceof Upsampling2D) {
      return of(node.inputs().get(0)).or(() -> Optional.of(Layout.images(CNN2DFormat.NCHW)));
    }
    if (layer instanceof BatchNormalization bn) {
      Optional<Layout> in = of(node.inputs().get(0));
      if (in.isPresent() && in.get().isImages() && bn.getCnn2DFormat() != null) {
        return Optional.of(Layout.images(bn.getCnn2DFormat()));
      }
      return in;
    }
    if (layer instanceof ActivationLayer || layer instanceof DropoutLayer) {
      return of(node.inputs().get(0));
    }
    return Optional.empty();
  }
}
