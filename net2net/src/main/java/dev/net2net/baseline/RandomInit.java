package dev.net2net.baseline;

import dev.net2net.model.HelperGuard;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The paper's "random init" baseline: the student's architecture trained from scratch. Same
 * configuration (layers, updaters, rates), fresh random weights from the given seed, counters at
 * zero.
 */
public final class RandomInit {
  private RandomInit() {}

  @SuppressWarnings("unchecked")
  public static <T extends Model> T like(T architecture, long seed) {
    if (architecture instanceof MultiLayerNetwork net) {
      MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
      restart(conf, seed);
      MultiLayerNetwork fresh = new MultiLayerNetwork(conf);
      fresh.init();
      HelperGuard.protect(fresh);
      return (T) fresh;
    }
    if (architecture instanceof ComputationGraph graph) {
      ComputationGraphConfiguration conf = graph.getConfiguration().clone();
      restart(conf, seed);
      ComputationGraph fresh = new ComputationGraph(conf);
      fresh.init();
      HelperGuard.protect(fresh);
      return (T) fresh;
    }
    throw new IllegalArgumentException(
        "unsupported model type " + architecture.getClass().getName());
  }

  /** Gives a model's configuration the seed of a fresh start and its counters at zero. */
  static void restart(Model model, long seed) {
    if (model instanceof MultiLayerNetwork net) {
      restart(net.getLayerWiseConfigurations(), seed);
    } else if (model instanceof ComputationGraph graph) {
      restart(graph.getConfiguration(), seed);
    } else {
      throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
    }
  }

  private static void restart(MultiLayerConfiguration conf, long seed) {
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    for (NeuralNetConfiguration c : conf.getConfs()) {
      c.setSeed(seed);
      c.setIterationCount(0);
      c.setEpochCount(0);
    }
  }

  private static void restart(ComputationGraphConfiguration conf, long seed) {
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    conf.getDefaultConfiguration().setSeed(seed);
    conf.getVertices()
        .values()
        .forEach(
            v -> {
              if (v instanceof LayerVertex lv) {
                lv.getLayerConf().setSeed(seed);
                lv.getLayerConf().setIterationCount(0);
                lv.getLayerConf().setEpochCount(0);
              }
            });
  }
}
