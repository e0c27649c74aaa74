package dev.net2net.model;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Keeps DL4J's oneDNN layer helpers away from the one input they compute wrongly.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 a channels-last (NHWC) {@code SeparableConvolution2D} hands on its
 * activations as a permuted view of channels-first memory (strides {@code [C*H*W, W, 1, H*W]}), and
 * the oneDNN convolution and batch-normalization helpers read such a view as if it were contiguous.
 * A MobileNet-style block (separable convolution, then a 1x1 convolution or a batch norm) then
 * computes outputs off by up to 0.8 with the helpers on and right with them off; pooling and local
 * response normalization helpers read it right. The built-in implementations handle any strides, so
 * in a network with an NHWC separable convolution this removes the helpers of its convolution and
 * batch-normalization layers: right and slower, rather than fast and wrong. Other networks keep
 * every helper. Networks must pass through here after they are built or loaded and before they
 * compute (every {@link ModelHandle} does).
 */
public final class HelperGuard {
  private static final Field CONVOLUTION_HELPER = helperField(ConvolutionLayer.class);
  private static final Field BATCH_NORM_HELPER = helperField(BatchNormalization.class);

  private HelperGuard() {}

  /**
   * Removes the helpers a permuted view would reach, if the network has an NHWC separable
   * convolution; returns how many it removed.
   */
  public static int protect(Model model) {
    Layer[] layers = layers(model);
    if (layers == null || !hasChannelsLastSeparableConvolution(layers)) {
      return 0;
    }
    int removed = 0;
    for (Layer layer : layers) {
      if (layer instanceof ConvolutionLayer) {
        removed += clear(CONVOLUTION_HELPER, layer);
      } else if (layer instanceof BatchNormalization) {
        removed += clear(BATCH_NORM_HELPER, layer);
      }
    }
    return removed;
  }

  /** Whether the network's convolution and batch-normalization layers all run without a helper. */
  public static boolean helpersRemoved(Model model) {
    Layer[] layers = layers(model);
    if (layers == null) {
      return true;
    }
    for (Layer layer : layers) {
      if ((layer instanceof ConvolutionLayer && get(CONVOLUTION_HELPER, layer) != null)
          || (layer instanceof BatchNormalization && get(BATCH_NORM_HELPER, layer) != null)) {
        return false;
      }
    }
    return true;
  }

  private static Layer[] layers(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return net.getLayers();
    }
    if (model instanceof ComputationGraph graph) {
      return graph.getLayers();
    }
    return null;
  }

  private static boolean hasChannelsLastSeparableConvolution(Layer[] layers) {
    for (Layer layer : layers) {
      if (layer.conf() != null
          && layer.conf().getLayer() instanceof SeparableConvolution2D separable
          && separable.getCnn2dDataFormat() == CNN2DFormat.NHWC) {
        return true;
      }
    }
    return false;
  }

  private static int clear(Field field, Layer layer) {
    if (get(field, layer) == null) {
      return 0;
    }
    try {
      field.set(layer, null);
      return 1;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot clear " + field + " of " + layer.getClass(), e);
    }
  }

  private static Object get(Field field, Layer layer) {
    try {
      return field.get(layer);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field + " of " + layer.getClass(), e);
    }
  }

  private static Field helperField(Class<?> type) {
    try {
      Field field = type.getDeclaredField("helper");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      // A DL4J release without the field has reorganised its helpers: this workaround must be
      // revisited with it, so the build's tests fail here rather than compute wrongly.
      throw new ExceptionInInitializerError(
          "DL4J's " + type.getName() + " has no 'helper' field: revisit HelperGuard");
    }
  }
}
