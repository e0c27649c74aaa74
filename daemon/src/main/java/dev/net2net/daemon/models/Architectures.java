package dev.net2net.daemon.models;

import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A one-line description of a network for the registry: its kind and each weighted layer's width.
 */
public final class Architectures {
  private Architectures() {}

  public static String summary(Model model) {
    ModelHandle handle = ModelHandle.of(model);
    List<String> parts = new ArrayList<>();
    for (Node.LayerNode node : handle.topology().layers()) {
      Layer layer = node.layer();
      if (layer instanceof FeedForwardLayer ff
          && ff.getNOut() > 0
          && layer instanceof BaseLayer base
          && !(layer instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
        String activation = base.getActivationFn() == null ? "" : " " + base.getActivationFn();
        parts.add(node.id() + ":" + kind(layer) + "(" + ff.getNOut() + activation + ")");
      }
    }
    String type = model instanceof org.deeplearning4j.nn.graph.ComputationGraph ? "graph" : "chain";
    return type + " " + String.join(" ", parts);
  }

  private static String kind(Layer layer) {
    String name = layer.getClass().getSimpleName();
    return switch (name) {
      case "DenseLayer" -> "dense";
      case "ConvolutionLayer", "Convolution2D" -> "conv";
      case "OutputLayer" -> "output";
      default -> name;
    };
  }
}
