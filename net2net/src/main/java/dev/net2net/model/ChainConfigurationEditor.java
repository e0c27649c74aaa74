package dev.net2net.model;

import dev.net2net.TransformException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/** Edits a copy of a {@link MultiLayerConfiguration}. */
public final class ChainConfigurationEditor implements ConfigurationEditor {
  private final MultiLayerConfiguration conf;

  ChainConfigurationEditor(MultiLayerConfiguration copy) {
    this.conf = copy;
    // Name every layer explicitly so that names stay stable when layers are inserted before others.
    for (int i = 0; i < conf.getConfs().size(); i++) {
      Layer layer = conf.getConf(i).getLayer();
      if (layer.getLayerName() == null) {
        layer.setLayerName("layer" + i);
      }
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < conf.getConfs().size(); i++) {
      if (name.equals(conf.getConf(i).getLayer().getLayerName())) {
        return i;
      }
    }
    throw new TransformException("no layer named '" + name + "'");
  }

  @Override
  public Layer layer(String name) {
    return conf.getConf(indexOf(name)).getLayer();
  }

  @Override
  public List<Layer> layers() {
    return conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).toList();
  }

  @Override
  public void replacePreprocessor(String owner, InputPreProcessor preprocessor) {
    conf.getInputPreProcessors().put(indexOf(owner), preprocessor);
  }

  @Override
  public void insertAfter(String after, List<Layer> chain) {
    int index = indexOf(after);
    NeuralNetConfiguration template = conf.getConf(index);
    for (int k = 0; k < chain.size(); k++) {
      conf.getConfs().add(index + 1 + k, layerConfiguration(template, chain.get(k)));
    }
    Map<Integer, InputPreProcessor> shifted = new HashMap<>();
    conf.getInputPreProcessors()
        .forEach((i, p) -> shifted.put(i > index ? i + chain.size() : i, p));
    conf.setInputPreProcessors(shifted);
  }

  @Override
  public void insertResidual(String after, List<Layer> branch, String sum) {
    throw new TransformException(
        ChainModel.NO_SUMS + " (cannot add a residual block after '" + after + "')");
  }

  /** A per-layer configuration for a new layer, with the network-wide settings of a neighbour. */
  static NeuralNetConfiguration layerConfiguration(NeuralNetConfiguration template, Layer layer) {
    NeuralNetConfiguration c = template.clone();
    c.setLayer(layer);
    // The template's parameter names belong to its own layer; init() registers the new layer's.
    c.variables(false).clear();
    return c;
  }

  @Override
  public void setCounters(int iteration, int epoch) {
    conf.setIterationCount(iteration);
    conf.setEpochCount(epoch);
    for (NeuralNetConfiguration c : conf.getConfs()) {
      c.setIterationCount(iteration);
      c.setEpochCount(epoch);
    }
  }

  @Override
  public ModelHandle build() {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return new ChainModel(net);
  }

  @Override
  public ModelHandle buildUninitialised() {
    long count = 0;
    for (NeuralNetConfiguration c : conf.getConfs()) {
      count += c.getLayer().initializer().numParams(c);
    }
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init(count == 0 ? null : Nd4j.createUninitialized(conf.getDataType(), count), false);
    return new ChainModel(net);
  }
}
