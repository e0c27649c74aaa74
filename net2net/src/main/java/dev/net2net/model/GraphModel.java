package dev.net2net.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ComputationGraph}: a DAG of layer vertices, merges, element-wise operations and the
 * like.
 */
public final class GraphModel implements ModelHandle {
  private final ComputationGraph graph;
  private final Topology topology;

  GraphModel(ComputationGraph graph) {
    if (graph.getVertices() == null) {
      throw new IllegalArgumentException("the graph must be initialised (call init())");
    }
    HelperGuard.protect(graph);
    this.graph = graph;
    this.topology = buildTopology(graph.getConfiguration());
  }

  static Topology buildTopology(ComputationGraphConfiguration conf) {
    List<Node> nodes = new ArrayList<>();
    for (String input : conf.getNetworkInputs()) {
      nodes.add(new Node.Input(input));
    }
    for (String name : topologicalOrder(conf)) {
      if (conf.getNetworkInputs().contains(name)) {
        continue;
      }
      GraphVertex vertex = conf.getVertices().get(name);
      List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
      if (vertex instanceof LayerVertex lv) {
        List<String> layerInputs = inputs;
        if (lv.getPreProcessor() != null) {
          String id = Node.preprocessorId(name);
          nodes.add(new Node.Preprocessor(id, inputs, lv.getPreProcessor(), name));
          layerInputs = List.of(id);
        }
        nodes.add(new Node.LayerNode(name, layerInputs, lv.getLayerConf().getLayer()));
      } else if (vertex instanceof PreprocessorVertex pv) {
        nodes.add(new Node.Preprocessor(name, inputs, pv.getPreProcessor(), name));
      } else {
        nodes.add(new Node.Vertex(name, inputs, vertex));
      }
    }
    return new Topology(nodes, conf.getNetworkOutputs());
  }

  /** Kahn's algorithm over the configuration, stable in the configuration's vertex order. */
  static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
    List<String> all = new ArrayList<>(conf.getNetworkInputs());
    for (String v : conf.getVertices().keySet()) {
      if (!all.contains(v)) {
        all.add(v);
      }
    }
    java.util.Map<String, Integer> pending = new java.util.HashMap<>();
    for (String v : all) {
      pending.put(v, conf.getVertexInputs().getOrDefault(v, List.of()).size());
    }
    List<String> order = new ArrayList<>();
    java.util.ArrayDeque<String> ready = new java.util.ArrayDeque<>();
    for (String v : all) {
      if (pending.get(v) == 0) {
        ready.add(v);
      }
    }
    while (!ready.isEmpty()) {
      String v = ready.poll();
      order.add(v);
      for (String w : all) {
        List<String> ins = conf.getVertexInputs().getOrDefault(w, List.of());
        for (String in : ins) {
          if (in.equals(v) && pending.merge(w, -1, Integer::sum) == 0) {
            ready.add(w);
          }
        }
      }
    }
    if (order.size() != all.size()) {
      throw new IllegalArgumentException("the graph has a cycle");
    }
    return order;
  }

  public ComputationGraph graph() {
    return graph;
  }

  @Override
  public ComputationGraph model() {
    return graph;
  }

  @Override
  public Topology topology() {
    return topology;
  }

  @Override
  public Map<String, INDArray> params(String layer) {
    return graph.getLayer(layer).paramTable(false);
  }

  @Override
  public long numParams() {
    return graph.numParams();
  }

  @Override
  public INDArray[] output(INDArray... inputs) {
    return graph.output(false, inputs);
  }

  @Override
  public Map<String, INDArray> activations(INDArray... inputs) {
    return graph.feedForward(inputs, false);
  }

  @Override
  public Updater updater() {
    return graph.getUpdater(true);
  }

  @Override
  public Optional<Updater> existingUpdater() {
    return Optional.ofNullable(graph.getUpdater(false));
  }

  @Override
  public Updater installUpdater(INDArray state) {
    ComputationGraphUpdater updater = new ComputationGraphUpdater(graph, state);
    graph.setUpdater(updater);
    return updater;
  }

  @Override
  public NeuralNetConfiguration layerConfiguration(String layer) {
    return graph.getLayer(layer).conf();
  }

  @Override
  public int iterationCount() {
    return graph.getConfiguration().getIterationCount();
  }

  @Override
  public int epochCount() {
    return graph.getConfiguration().getEpochCount();
  }

  @Override
  public ConfigurationEditor editConfiguration() {
    return new GraphConfigurationEditor(copy(graph.getConfiguration()));
  }

  /**
   * A deep copy of a graph configuration. DL4J's {@code clone()} rebuilds every {@link MergeVertex}
   * with the default merge axis 1, dropping the axis its input types set (3 for NHWC images), so a
   * cloned NHWC concatenation would join heights instead of channels; the axes are copied back
   * here.
   */
  static ComputationGraphConfiguration copy(ComputationGraphConfiguration conf) {
    ComputationGraphConfiguration copy = conf.clone();
    for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
      if (e.getValue() instanceof MergeVertex original
          && copy.getVertices().get(e.getKey()) instanceof MergeVertex m
          && m.getMergeAxis() != original.getMergeAxis()) {
        m.setMergeAxis(original.getMergeAxis());
      }
    }
    return copy;
  }

  @Override
  public int inputCount() {
    return graph.getConfiguration().getNetworkInputs().size();
  }
}
