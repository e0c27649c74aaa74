package dev.net2net.model;

import java.util.Set;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1D;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.Pooling1D;
import org.deeplearning4j.nn.conf.layers.Pooling2D;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * What each kind of layer and vertex means to a transform. Classes are matched exactly, not by
 * inheritance: DL4J subclasses lay out their weights differently (a depthwise convolution's {@code
 * W} is {@code [kH, kW, nIn, depthMultiplier]}, a separable convolution's {@code [depthMultiplier,
 * nIn, kH, kW]} with a pointwise {@code pW} of {@code [nOut, nIn * depthMultiplier, 1, 1]}, a 1D
 * convolution's {@code [nOut, nIn, k, 1]}, which DL4J 1.0.0-M2.1 reshapes, without permuting, into
 * a {@code [k, nIn, nOut]} kernel), so each is named here with its own layout, and a class not
 * named is refused rather than handled wrongly.
 */
public final class LayerKinds {
  private LayerKinds() {}

  private static final Set<Class<?>> DENSE = Set.of(DenseLayer.class);
  private static final Set<Class<?>> CONV = Set.of(ConvolutionLayer.class, Convolution2D.class);
  private static final Set<Class<?>> CONV_1D =
      Set.of(Convolution1DLayer.class, Convolution1D.class);
  private static final Set<Class<?>> POOLING = Set.of(SubsamplingLayer.class, Pooling2D.class);
  private static final Set<Class<?>> POOLING_1D = Set.of(Subsampling1DLayer.class, Pooling1D.class);

  /** A 2D convolution with {@code [nOut, nIn, kH, kW]} weights. */
  public static boolean isConvolution(Layer layer) {
    return CONV.contains(layer.getClass());
  }

  /**
   * A 1D convolution over sequences. Its {@code W} is declared {@code [nOut, nIn, k, 1]} but read
   * as a {@code [k, nIn, nOut]} kernel (see {@code ParamEdit.Convolution1DKernel}); {@link
   * #inputAxis} and {@link #unitAxis} index that kernel.
   */
  public static boolean isConvolution1D(Layer layer) {
    return CONV_1D.contains(layer.getClass());
  }

  /**
   * A depthwise convolution: each input channel gets depthMultiplier filters of its own, {@code W
   * [kH, kW, nIn, dm]}.
   */
  public static boolean isDepthwise(Layer layer) {
    return layer.getClass() == DepthwiseConvolution2D.class;
  }

  /**
   * A depthwise convolution ({@code W [dm, nIn, kH, kW]}) followed by a pointwise one ({@code pW
   * [nOut, nIn*dm, 1, 1]}).
   */
  public static boolean isSeparable(Layer layer) {
    return layer.getClass() == SeparableConvolution2D.class;
  }

  /**
   * How many output channels a depthwise or separable convolution's depthwise part makes per input
   * channel.
   */
  public static int depthMultiplier(Layer layer) {
    if (layer instanceof DepthwiseConvolution2D d) {
      return d.getDepthMultiplier();
    }
    if (layer instanceof SeparableConvolution2D s) {
      return s.getDepthMultiplier();
    }
    throw new IllegalArgumentException(
        layer.getClass().getSimpleName() + " has no depth multiplier");
  }

  public static boolean isPReLU(Layer layer) {
    return layer.getClass() == PReLULayer.class;
  }

  /**
   * A layer that multiplies each unit by its own weight and adds its own bias: parameters {@code
   * [1, n]} or {@code [n]}.
   */
  public static boolean isElementWiseMultiplication(Layer layer) {
    return layer.getClass() == ElementWiseMultiplicationLayer.class;
  }

  public static boolean isDense(Layer layer) {
    return DENSE.contains(layer.getClass());
  }

  /**
   * A hidden layer whose units can be replicated: dense, 2D or 1D convolution, or a separable
   * convolution (its pointwise part's output channels).
   */
  public static boolean isWidenable(Layer layer) {
    return isDense(layer) || hasConvolutionWeights(layer) || isSeparable(layer);
  }

  /** A convolution whose {@code W} is {@code [nOut, nIn, k...]}: 2D or 1D. */
  public static boolean hasConvolutionWeights(Layer layer) {
    return isConvolution(layer) || isConvolution1D(layer);
  }

  /**
   * A layer with an incoming weight matrix {@code W} whose input rows can be replicated and divided
   * (a separable convolution reads through its depthwise part and is handled on its own).
   */
  public static boolean isWeightedConsumer(Layer layer) {
    return isDense(layer)
        || hasConvolutionWeights(layer)
        || layer.getClass() == OutputLayer.class
        || layer.getClass() == RnnOutputLayer.class;
  }

  /**
   * The axis of a layer's weight {@code W} that indexes its inputs (dense {@code [nIn, nOut]}, conv
   * {@code [nOut, nIn, kH, kW]}, a 1D convolution's kernel {@code [k, nIn, nOut]}).
   */
  public static int inputAxis(Layer layer) {
    return hasConvolutionWeights(layer) ? 1 : 0;
  }

  /**
   * The key of the weight whose units a widening replicates: the pointwise {@code pW} of a
   * separable convolution.
   */
  public static String unitWeight(Layer layer) {
    return isSeparable(layer) ? "pW" : "W";
  }

  /**
   * The axis of a layer's {@link #unitWeight} that indexes its units (a 1D convolution's: of its
   * kernel).
   */
  public static int unitAxis(Layer layer) {
    if (isConvolution1D(layer)) {
      return 2;
    }
    return isConvolution(layer) || isSeparable(layer) ? 0 : 1;
  }

  /**
   * A dense layer with built-in layer normalisation: its pre-activations are normalised by their
   * mean and variance across the layer's units, which replicating a unit changes.
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

  public static boolean isPooling1D(Layer layer) {
    return POOLING_1D.contains(layer.getClass());
  }

  /** Padding, cropping or upsampling of a sequence's time axis: each channel on its own. */
  public static boolean isSequenceReshape(Layer layer) {
    Class<?> c = layer.getClass();
    return c == ZeroPadding1DLayer.class || c == Cropping1D.class || c == Upsampling1D.class;
  }

  /**
   * A parameter-free layer that acts on each unit (channel) on its own, so replicated inputs give
   * replicated outputs: activations, dropout, pooling (local and global), padding, cropping,
   * upsampling.
   */
  public static boolean isPerUnitWithoutParams(Layer layer) {
    if (layer instanceof ActivationLayer a) {
      return isElementWise(a.getActivationFn());
    }
    Class<?> c = layer.getClass();
    return c == DropoutLayer.class
        || POOLING.contains(c)
        || POOLING_1D.contains(c)
        || c == GlobalPoolingLayer.class
        || c == ZeroPaddingLayer.class
        || c == Cropping2D.class
        || c == Upsampling2D.class
        || isSequenceReshape(layer);
  }

  /**
   * A vertex that acts on each unit on its own and has no parameters: scale or shift by a constant.
   */
  public static boolean isPerUnitVertex(Object vertex) {
    return vertex instanceof ScaleVertex || vertex instanceof ShiftVertex;
  }

  /** An element-wise vertex whose output is a sum-like function of its inputs, unit by unit. */
  public static boolean isUnitWiseCombination(Object vertex) {
    return elementWiseOp(vertex)
        .map(
            op ->
                op == ElementWiseVertex.Op.Add
                    || op == ElementWiseVertex.Op.Subtract
                    || op == ElementWiseVertex.Op.Average
                    || op == ElementWiseVertex.Op.Max)
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
