package dev.net2net.io;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shapes images the way a model expects them: flat rows for a model that starts with a dense layer
 * or a flat-to-image preprocessor, {@code [n, 1, h, w]} (or NHWC) for one that starts with a
 * convolution.
 */
public final class ModelInputs {
  private ModelInputs() {}

  public static INDArray[] of(ModelHandle model, LabeledImages images) {
    if (model.inputCount() != 1) {
      throw new ModelFileException(
          "the model has "
              + model.inputCount()
              + " inputs; only models with one image"
              + " input can be fed Fashion-MNIST images");
    }
    Topology topology = model.topology();
    String input = topology.order().get(0).id();
    Node first = topology.node(topology.consumers(input).get(0));
    if (first instanceof Node.Preprocessor p
        && p.preprocessor() instanceof FeedForwardToCnnPreProcessor f) {
      long expected = f.getInputHeight() * f.getInputWidth() * f.getNumChannels();
      requireSize(expected, images);
      return new INDArray[] {images.features()};
    }
    // Look through layers that take either shape (batch normalization, activations, padding) to the
    // first one that says whether it wants features or images.
    Node node = first instanceof Node.Preprocessor p ? topology.node(p.owner()) : first;
    while (node instanceof Node.LayerNode l
        && isShapeAgnostic(l.layer())
        && topology.consumers(node.id()).size() == 1) {
      Node next = topology.node(topology.consumers(node.id()).get(0));
      if (next instanceof Node.Preprocessor) {
        break;
      }
      node = next;
    }
    Layer layer = node instanceof Node.LayerNode l ? l.layer() : null;
    if (layer instanceof BatchNormalization bn
        && bn.getNOut() == (long) images.rows() * images.cols()) {
      return new INDArray[] {images.features()};
    }
    if (layer instanceof org.deeplearning4j.nn.conf.layers.Convolution1DLayer
        || layer instanceof org.deeplearning4j.nn.conf.layers.Subsampling1DLayer
        || layer instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer) {
      throw new ModelFileException(
          "the model's first layer '"
              + node.id()
              + "' ("
              + layer.getClass().getSimpleName()
              + ") takes sequences, not images");
    }
    if (layer instanceof ConvolutionLayer
        || layer instanceof SubsamplingLayer
        || isShapeAgnostic(layer)) {
      CNN2DFormat format =
          layer instanceof ConvolutionLayer c
              ? c.getCnn2dDataFormat()
              : layer instanceof SubsamplingLayer s ? s.getCnn2dDataFormat() : CNN2DFormat.NCHW;
      if (layer instanceof ConvolutionLayer conv && conv.getNIn() != 1) {
        throw new ModelFileException(
            "the model's first convolution expects "
                + conv.getNIn()
                + " image channels; Fashion-MNIST images have 1");
      }
      INDArray nchw = images.imageFeatures();
      return new INDArray[] {format == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw};
    }
    if (layer instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
      requireSize(ff.getNIn(), images);
      return new INDArray[] {images.features()};
    }
    throw new ModelFileException(
        "cannot tell how the model's first layer '"
            + first.id()
            + "' ("
            + Topology.describe(first)
            + ") takes images");
  }

  /** Layers that accept features and images alike, so they do not tell which the model takes. */
  private static boolean isShapeAgnostic(Layer layer) {
    return layer instanceof BatchNormalization
        || layer instanceof ActivationLayer
        || layer instanceof DropoutLayer
        || layer instanceof ZeroPaddingLayer
        || layer instanceof Upsampling2D;
  }

  private static void requireSize(long expected, LabeledImages images) {
    long actual = (long) images.rows() * images.cols();
    if (expected != actual) {
      throw new ModelFileException(
          "the model expects "
              + expected
              + " values per example; the images have "
              + actual
              + " ("
              + images.rows()
              + "x"
              + images.cols()
              + ")");
    }
  }
}
