package dev.net2net.model;

import java.util.Set;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Pooling2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * What each kind of layer and vertex means to a transform. Classes are matched exactly, not by
 * inheritance: DL4J subclasses (depthwise, separable, 1D and 3D convolutions) lay out their weights
 * differently and are refused rather than handled wrongly.
 */
public final class LayerKinds {
  private LayerKinds() {}

  private static final Set<Class<?>> DENSE = Set.of(DenseLayer.class);
  private static final Set<Class<?>> CONV = Set.of(ConvolutionLayer.class, Convolution2D.class);
  private static final Set<Class<?>> POOLING = Set.of(SubsamplingLayer.class, Pooling2D.class);

  /** A 2D convolution with {@code [nOut, nIn, kH, kW]} weights. */
  public static boolean isConvolution(Layer layer) {
    return CONV.contains(layer.getClass());
  }

  public static boolean isDense(Layer layer) {
    return DENSE.contains(layer.getClass());
  }

  /** A hidden layer whose units can be replicated: dense or 2D convolution. */
  public static boolean isWidenable(Layer layer) {
    return isDense(layer) || isConvolution(layer);
  }

  /** A layer with an incoming weight matrix whose input rows can be replicated and divided. */
  public static boolean isWeightedConsumer(Layer layer) {
    return isDense(layer) || isConvolution(layer) || layer.getClass() == OutputLayer.class;
  }

  /** The axis of a layer's weight {@code W} that indexes its inputs (dense {@code [nIn, nOut]}, conv {@code [nOut, nIn, kH, kW]}). */
  public static int inputAxis(Layer layer) {
    return isConvolution(layer) ? 1 : 0;
  }

  /** The axis of a layer's weight {@code W} that indexes its units. */
  public static int unitAxis(Layer layer) {
    return isConvolution(layer) ? 0 : 1;
  }

  /**
   * A dense layer with built-in layer normalisation: its pre-activations are normalised by their mean and
   * variance across the layer's units, which replicating a unit changes.
   */
  public static boolean hasLayerNorm(Layer layer) {
    return layer instanceof DenseLayer dense && dense.hasLayerNorm();
  }

  public static boolean isBatchNorm(Layer layer) {
    return layer.getClass() == BatchNormalization.class;
  }

  public static boolean isPooling(Layer layer) {
    return POOLING.contains(layer.getClass());
  }

  /**
   * A parameter-free layer that acts on each unit (channel) on its own, so replicated inputs give
   * replicated outputs: activations, dropout, pooling (local and global), padding, cropping, upsampling.
   */
  public static boolean isPerUnitWithoutParams(Layer layer) {
    if (layer instanceof ActivationLayer a) {
      return isElementWise(a.getActivationFn());
    }
    Class<?> c = layer.getClass();
    return c == DropoutLayer.class || POOLING.contains(c) || c == GlobalPoolingLayer.class
        || c == ZeroPaddingLayer.class || c == Cropping2D.class || c == Upsampling2D.class;
  }

  /** A vertex that acts on each unit on its own and has no parameters: scale or shift by a constant. */
  public static boolean isPerUnitVertex(Object vertex) {
    return vertex instanceof ScaleVertex || vertex instanceof ShiftVertex;
  }

  /** An element-wise vertex whose output is a sum-like function of its inputs, unit by unit. */
  public static boolean isUnitWiseCombination(Object vertex) {
    return elementWiseOp(vertex)
        .map(op -> op == ElementWiseVertex.Op.Add || op == ElementWiseVertex.Op.Subtract
            || op == ElementWiseVertex.Op.Average || op == ElementWiseVertex.Op.Max)
        .orElse(false);
  }

  /** The operation of an element-wise vertex (DL4J exposes it only through equality). */
  public static java.util.Optional<ElementWiseVertex.Op> elementWiseOp(Object vertex) {
    if (vertex instanceof ElementWiseVertex ew) {
      for (ElementWiseVertex.Op op : ElementWiseVertex.Op.values()) {
        if (ew.equals(new ElementWiseVertex(op))) {
          return java.util.Optional.of(op);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Softmax normalises across units: replicating a unit changes every output. */
  public static boolean isElementWise(IActivation activation) {
    return !(activation instanceof ActivationSoftmax);
  }

  public static IActivation activation(Layer layer) {
    if (layer instanceof BaseLayer base) {
      return base.getActivationFn();
    }
    if (layer instanceof ActivationLayer a) {
      return a.getActivationFn();
    }
    return null;
  }
}
