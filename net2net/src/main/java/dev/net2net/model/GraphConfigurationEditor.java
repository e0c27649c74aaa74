package dev.net2net.model;

import dev.net2net.TransformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/** Edits a copy of a {@link ComputationGraphConfiguration}. */
public final class GraphConfigurationEditor implements ConfigurationEditor {
  private final ComputationGraphConfiguration conf;

  GraphConfigurationEditor(ComputationGraphConfiguration copy) {
    this.conf = copy;
  }

  private LayerVertex layerVertex(String name) {
    GraphVertex v = conf.getVertices().get(name);
    if (v instanceof LayerVertex lv) {
      return lv;
    }
    throw new TransformException("'" + name + "' is not a layer vertex");
  }

  @Override
  public Layer layer(String name) {
    return layerVertex(name).getLayerConf().getLayer();
  }

  @Override
  public List<Layer> layers() {
    return conf.getVertices().values().stream()
        .filter(LayerVertex.class::isInstance)
        .map(v -> ((LayerVertex) v).getLayerConf().getLayer())
        .toList();
  }

  @Override
  public void replacePreprocessor(String owner, InputPreProcessor preprocessor) {
    GraphVertex v = conf.getVertices().get(owner);
    if (v instanceof LayerVertex lv) {
      lv.setPreProcessor(preprocessor);
    } else if (v instanceof PreprocessorVertex) {
      conf.getVertices().put(owner, new PreprocessorVertex(preprocessor));
    } else {
      throw new TransformException("'" + owner + "' holds no preprocessor");
    }
  }

  @Override
  public void insertAfter(String after, List<Layer> chain) {
    List<String> readers = readersOf(after);
    String last = addChain(after, chain);
    rewire(readers, after, last);
  }

  @Override
  public void insertResidual(String after, List<Layer> branch, String sum) {
    List<String> readers = readersOf(after);
    String last = addChain(after, branch);
    requireFreeName(sum);
    conf.getVertices().put(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add));
    conf.getVertexInputs().put(sum, new ArrayList<>(List.of(after, last)));
    rewire(readers, after, sum);
  }

  /** The vertices reading {@code after}, before anything is inserted; refuses a network output. */
  private List<String> readersOf(String after) {
    if (conf.getNetworkOutputs().contains(after)) {
      throw new TransformException("cannot insert after '" + after + "': it is a network output");
    }
    List<String> readers = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
      if (e.getValue().contains(after)) {
        readers.add(e.getKey());
      }
    }
    return readers;
  }

  /**
   * Adds layers one after another, the first reading {@code after}; returns the last one's name.
   */
  private String addChain(String after, List<Layer> chain) {
    GraphVertex anchor = conf.getVertices().get(after);
    NeuralNetConfiguration template =
        anchor instanceof LayerVertex lv ? lv.getLayerConf() : conf.getDefaultConfiguration();
    String previous = after;
    for (Layer layer : chain) {
      String name = layer.getLayerName();
      requireFreeName(name);
      conf.getVertices()
          .put(
              name,
              new LayerVertex(ChainConfigurationEditor.layerConfiguration(template, layer), null));
      conf.getVertexInputs().put(name, new ArrayList<>(List.of(previous)));
      previous = name;
    }
    return previous;
  }

  private void requireFreeName(String name) {
    if (conf.getVertices().containsKey(name) || conf.getNetworkInputs().contains(name)) {
      throw new TransformException("a vertex named '" + name + "' exists already");
    }
  }

  /** Makes {@code readers} read {@code replacement} wherever they read {@code original}. */
  private void rewire(List<String> readers, String original, String replacement) {
    for (String reader : readers) {
      List<String> inputs = new ArrayList<>(conf.getVertexInputs().get(reader));
      inputs.replaceAll(in -> in.equals(original) ? replacement : in);
      conf.getVertexInputs().put(reader, inputs);
    }
    // The configuration caches its topological order; it is stale now.
    conf.setTopologicalOrder(null);
    conf.setTopologicalOrderStr(null);
  }

  @Override
  public void setCounters(int iteration, int epoch) {
    conf.setIterationCount(iteration);
    conf.setEpochCount(epoch);
    conf.getDefaultConfiguration().setIterationCount(iteration);
    conf.getDefaultConfiguration().setEpochCount(epoch);
    for (GraphVertex v : conf.getVertices().values()) {
      if (v instanceof LayerVertex lv) {
        lv.getLayerConf().setIterationCount(iteration);
        lv.getLayerConf().setEpochCount(epoch);
      }
    }
  }

  @Override
  public ModelHandle build() {
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return new GraphModel(graph);
  }

  @Override
  public ModelHandle buildUninitialised() {
    long count = 0;
    for (GraphVertex vertex : conf.getVertices().values()) {
      count += vertex.numParams(true);
    }
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init(count == 0 ? null : Nd4j.createUninitialized(conf.getDataType(), count), false);
    return new GraphModel(graph);
  }
}
