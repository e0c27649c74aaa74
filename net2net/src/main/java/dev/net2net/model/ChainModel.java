package dev.net2net.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A {@link MultiLayerNetwork}: a chain of layers, each with an optional preprocessor in front. */
public final class ChainModel implements ModelHandle {
  public static final String INPUT = "input";

  /** Why a chain refuses anything that needs a sum of two tensors, and what to do instead. */
  public static final String NO_SUMS =
      "a MultiLayerNetwork is a chain of layers and cannot express a sum of two"
          + " tensors, which a residual block needs; convert it with MultiLayerNetwork.toComputationGraph() and"
          + " transform the graph";

  private final MultiLayerNetwork net;
  private final Topology topology;

  ChainModel(MultiLayerNetwork net) {
    if (net.getLayers() == null) {
      throw new IllegalArgumentException("the network must be initialised (call init())");
    }
    HelperGuard.protect(net);
    this.net = net;
    this.topology = buildTopology(net.getLayerWiseConfigurations());
  }

  static Topology buildTopology(MultiLayerConfiguration conf) {
    List<Node> nodes = new ArrayList<>();
    nodes.add(new Node.Input(INPUT));
    String previous = INPUT;
    for (int i = 0; i < conf.getConfs().size(); i++) {
      var layer = conf.getConf(i).getLayer();
      String name = layerName(conf, i);
      InputPreProcessor pre = conf.getInputPreProcess(i);
      if (pre != null) {
        String id = Node.preprocessorId(name);
        nodes.add(new Node.Preprocessor(id, List.of(previous), pre, name));
        previous = id;
      }
      nodes.add(new Node.LayerNode(name, List.of(previous), layer));
      previous = name;
    }
    return new Topology(nodes, List.of(previous));
  }

  static String layerName(MultiLayerConfiguration conf, int index) {
    String name = conf.getConf(index).getLayer().getLayerName();
    return name != null ? name : "layer" + index;
  }

  public MultiLayerNetwork network() {
    return net;
  }

  @Override
  public MultiLayerNetwork model() {
    return net;
  }

  @Override
  public Topology topology() {
    return topology;
  }

  /** The index of a layer in the chain. */
  public int indexOf(String layer) {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      if (layerName(conf, i).equals(layer)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no layer named " + layer);
  }

  @Override
  public Map<String, INDArray> params(String layer) {
    return net.getLayer(indexOf(layer)).paramTable(false);
  }

  @Override
  public long numParams() {
    return net.numParams();
  }

  @Override
  public INDArray[] output(INDArray... inputs) {
    requireOneInput(inputs);
    return new INDArray[] {net.output(inputs[0], false)};
  }

  @Override
  public Map<String, INDArray> activations(INDArray... inputs) {
    requireOneInput(inputs);
    List<INDArray> acts = net.feedForward(inputs[0], false);
    Map<String, INDArray> byName = new LinkedHashMap<>();
    byName.put(INPUT, acts.get(0));
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      byName.put(layerName(conf, i), acts.get(i + 1));
    }
    return byName;
  }

  private static void requireOneInput(INDArray[] inputs) {
    if (inputs.length != 1) {
      throw new IllegalArgumentException(
          "a MultiLayerNetwork takes one input, got " + inputs.length);
    }
  }

  @Override
  public Updater updater() {
    return net.getUpdater(true);
  }

  @Override
  public Optional<Updater> existingUpdater() {
    return Optional.ofNullable(net.getUpdater(false));
  }

  @Override
  public Updater installUpdater(INDArray state) {
    Updater updater = new MultiLayerUpdater(net, state);
    net.setUpdater(updater);
    return updater;
  }

  @Override
  public NeuralNetConfiguration layerConfiguration(String layer) {
    return net.getLayer(indexOf(layer)).conf();
  }

  @Override
  public int iterationCount() {
    return net.getLayerWiseConfigurations().getIterationCount();
  }

  @Override
  public int epochCount() {
    return net.getLayerWiseConfigurations().getEpochCount();
  }

  @Override
  public ConfigurationEditor editConfiguration() {
    return new ChainConfigurationEditor(net.getLayerWiseConfigurations().clone());
  }

  @Override
  public int inputCount() {
    return 1;
  }
}
