package dev.net2net.continuation;

import dev.net2net.model.ModelHandle;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/** The paper's "continue at a smaller learning rate", for configurations and for live networks. */
public final class LearningRates {
  private LearningRates() {}

  /**
   * Fixes every layer's rate in a configuration being edited at {@code scale} times its current
   * value at the given iteration and epoch. Updaters without a learning rate (NoOp, AdaDelta) are
   * untouched.
   */
  public static void freezeScaled(List<Layer> layers, double scale, int iteration, int epoch) {
    for (Layer layer : layers) {
      if (layer instanceof BaseLayer base) {
        base.setIUpdater(scaled(base.getIUpdater(), scale, iteration, epoch));
        base.setBiasUpdater(scaled(base.getBiasUpdater(), scale, iteration, epoch));
      }
    }
  }

  private static IUpdater scaled(IUpdater updater, double scale, int iteration, int epoch) {
    if (updater == null || !updater.hasLearningRate()) {
      return updater;
    }
    IUpdater copy = updater.clone();
    copy.setLrAndSchedule(updater.getLearningRate(iteration, epoch) * scale, null);
    return copy;
  }

  /**
   * Scales the learning rate of every layer of a live network by {@code scale}, fixing scheduled
   * rates at their current value. The optimizer state is kept.
   *
   * <p>The live updaters hold the very configuration objects of the layers (DL4J instantiates each
   * updater block from one of them), so those objects are changed in place, each once. DL4J's own
   * {@code ComputationGraph.setLearningRate} cannot be used: it fails while rebuilding the updater.
   */
  public static void scale(Model model, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "learning-rate scale must be positive and finite, got " + scale);
    }
    ModelHandle handle = ModelHandle.of(model);
    int iteration = handle.iterationCount();
    int epoch = handle.epochCount();
    java.util.Set<IUpdater> done =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    org.deeplearning4j.nn.api.Layer[] layers =
        model instanceof MultiLayerNetwork net
            ? net.getLayers()
            : ((ComputationGraph) model).getLayers();
    for (org.deeplearning4j.nn.api.Layer layer : layers) {
      if (layer.conf().getLayer() instanceof BaseLayer base) {
        for (IUpdater updater : new IUpdater[] {base.getIUpdater(), base.getBiasUpdater()}) {
          if (updater != null && updater.hasLearningRate() && done.add(updater)) {
            updater.setLrAndSchedule(updater.getLearningRate(iteration, epoch) * scale, null);
          }
        }
      }
    }
  }

  /** The current learning rate of a layer, if its updater has one. */
  public static java.util.OptionalDouble rate(Layer layer, int iteration, int epoch) {
    if (layer instanceof BaseLayer base
        && base.getIUpdater() != null
        && base.getIUpdater().hasLearningRate()) {
      return java.util.OptionalDouble.of(base.getIUpdater().getLearningRate(iteration, epoch));
    }
    return java.util.OptionalDouble.empty();
  }
}
