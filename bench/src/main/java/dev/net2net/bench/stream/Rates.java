package dev.net2net.bench.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/** The learning rates a model's configuration holds: read (for the page) and set (for arm b). */
final class Rates {
  private Rates() {}

  /** Sets every layer's rate in the model's configuration (before a network is built from it). */
  static void set(Model model, double rate) {
    for (NeuralNetConfiguration c : confs(model)) {
      if (c.getLayer() instanceof BaseLayer base) {
        base.setIUpdater(at(base.getIUpdater(), rate));
        base.setBiasUpdater(at(base.getBiasUpdater(), rate));
      }
    }
  }

  /** The distinct rates of the model's layers, as written in its configuration. */
  static List<Double> of(Model model) {
    TreeSet<Double> rates = new TreeSet<>();
    for (NeuralNetConfiguration c : confs(model)) {
      OptionalDouble rate = dev.net2net.continuation.LearningRates.rate(c.getLayer(), 0, 0);
      rate.ifPresent(rates::add);
    }
    return new ArrayList<>(rates);
  }

  private static IUpdater at(IUpdater updater, double rate) {
    if (updater == null || !updater.hasLearningRate()) {
      return updater;
    }
    IUpdater copy = updater.clone();
    copy.setLrAndSchedule(rate, null);
    return copy;
  }

  private static List<NeuralNetConfiguration> confs(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return net.getLayerWiseConfigurations().getConfs();
    }
    List<NeuralNetConfiguration> confs = new ArrayList<>();
    ((ComputationGraph) model)
        .getConfiguration()
        .getVertices()
        .values()
        .forEach(
            v -> {
              if (v instanceof LayerVertex lv) {
                confs.add(lv.getLayerConf());
              }
            });
    return confs;
  }
}
