package dev.net2net.model;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * One step of a network's data flow, the same for a {@code MultiLayerNetwork} (a chain) and a
 * {@code ComputationGraph} (a DAG). Preprocessors are nodes of their own, in front of the layer
 * they belong to, so that the transforms see every reshaping of the data.
 */
public sealed interface Node {

  /**
   * A unique name: a layer's name, a vertex's name, an input's name, or {@code
   * <owner>/preprocessor}.
   */
  String id();

  /**
   * The ids of the nodes whose outputs this node reads, in order (the order matters for
   * concatenation).
   */
  List<String> inputs();

  /** A network input. */
  record Input(String id) implements Node {
    @Override
    public List<String> inputs() {
      return List.of();
    }
  }

  /** A layer with its configuration; its id is the layer's name. */
  record LayerNode(String id, List<String> inputs, Layer layer) implements Node {
    public LayerNode {
      inputs = List.copyOf(inputs);
    }
  }

  /**
   * A preprocessor. {@code owner} is the layer (or graph vertex) that holds it in the
   * configuration, which is where a changed preprocessor has to be written back.
   */
  record Preprocessor(String id, List<String> inputs, InputPreProcessor preprocessor, String owner)
      implements Node {
    public Preprocessor {
      inputs = List.copyOf(inputs);
    }
  }

  /** A graph vertex that is not a layer: merge, element-wise, subset and the like. */
  record Vertex(String id, List<String> inputs, GraphVertex vertex) implements Node {
    public Vertex {
      inputs = List.copyOf(inputs);
    }
  }

  static String preprocessorId(String owner) {
    return owner + "/preprocessor";
  }
}
