package dev.net2net.io;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
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
      throw new ModelFileException("the model has " + model.inputCount() + " inputs; only models with one image"
          + " input can be fed Fashion-MNIST images");
    }
    Topology topology = model.topology();
    String input = topology.order().get(0).id();
    Node first = topology.node(topology.consumers(input).get(0));
    if (first instanceof Node.Preprocessor p && p.preprocessor() instanceof FeedForwardToCnnPreProcessor f) {
      long expected = f.getInputHeight() * f.getInputWidth() * f.getNumChannels();
      requireSize(expected, images);
      return new INDArray[] {images.features()};
    }
    Layer layer = first instanceof Node.LayerNode l ? l.layer()
        : first instanceof Node.Preprocessor p ? topology.layer(p.owner()).layer() : null;
    if (layer instanceof ConvolutionLayer conv) {
      if (conv.getNIn() != 1) {
        throw new ModelFileException("the model's first layer expects " + conv.getNIn()
            + " image channels; Fashion-MNIST images have 1");
      }
      INDArray nchw = images.imageFeatures();
      return new INDArray[] {conv.getCnn2dDataFormat() == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw};
    }
    if (layer instanceof FeedForwardLayer ff && ff.getNIn() > 0) {
      requireSize(ff.getNIn(), images);
      return new INDArray[] {images.features()};
    }
    throw new ModelFileException("cannot tell how the model's first layer '" + first.id() + "' ("
        + Topology.describe(first) + ") takes images");
  }

  private static void requireSize(long expected, LabeledImages images) {
    long actual = (long) images.rows() * images.cols();
    if (expected != actual) {
      throw new ModelFileException("the model expects " + expected + " values per example; the images have "
          + actual + " (" + images.rows() + "x" + images.cols() + ")");
    }
  }
}
