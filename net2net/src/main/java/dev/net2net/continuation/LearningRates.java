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

  /**
   * Installs {@code shape} on every learning-rate updater of a live network for a round of {@code
   * totalSteps} steps starting now (at the network's current iteration count), from each updater's
   * current rate. A constant shape without warm-up installs nothing. The optimizer state is kept.
   * Undo with {@link #endSchedule} when the round is over.
   */
  public static void schedule(Model model, RateSchedule shape, long totalSteps) {
    if (shape.isConstant()) {
      return;
    }
    ModelHandle handle = ModelHandle.of(model);
    int iteration = handle.iterationCount();
    int epoch = handle.epochCount();
    for (IUpdater updater : liveUpdaters(model)) {
      double rate = updater.getLearningRate(iteration, epoch);
      updater.setLrAndSchedule(rate, new ContinuationSchedule(rate, iteration, totalSteps, shape));
    }
  }

  /**
   * Ends a round started by {@link #schedule}: every updater returns to the fixed rate its round
   * started from (not the schedule's last value, which a cosine takes to zero).
   */
  public static void endSchedule(Model model) {
    for (IUpdater updater : liveUpdaters(model)) {
      if (scheduleOf(updater) instanceof ContinuationSchedule c) {
        updater.setLrAndSchedule(c.startRate(), null);
      }
    }
  }

  /**
   * The rate a live network's next step uses (its first learning-rate updater's, at its current
   * iteration and epoch), if any updater has one.
   */
  public static java.util.OptionalDouble current(Model model) {
    ModelHandle handle = ModelHandle.of(model);
    return liveUpdaters(model).stream()
        .findFirst()
        .map(
            u ->
                java.util.OptionalDouble.of(
                    u.getLearningRate(handle.iterationCount(), handle.epochCount())))
        .orElse(java.util.OptionalDouble.empty());
  }

  /** The continuation schedule a live network's layer trains with, if one is installed. */
  public static java.util.Optional<ContinuationSchedule> installedSchedule(Layer layer) {
    if (layer instanceof BaseLayer base
        && base.getIUpdater() != null
        && scheduleOf(base.getIUpdater()) instanceof ContinuationSchedule c) {
      return java.util.Optional.of(c);
    }
    return java.util.Optional.empty();
  }

  private static org.nd4j.linalg.schedule.ISchedule scheduleOf(IUpdater updater) {
    // IUpdater has no getter for its schedule; every DL4J updater with a rate is a bean with one.
    try {
      Object s = updater.getClass().getMethod("getLearningRateSchedule").invoke(updater);
      return (org.nd4j.linalg.schedule.ISchedule) s;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Each distinct learning-rate updater configuration of a live network, once. */
  private static List<IUpdater> liveUpdaters(Model model) {
    java.util.Set<IUpdater> done =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<IUpdater> all = new java.util.ArrayList<>();
    org.deeplearning4j.nn.api.Layer[] layers =
        model instanceof MultiLayerNetwork net
            ? net.getLayers()
            : ((ComputationGraph) model).getLayers();
    for (org.deeplearning4j.nn.api.Layer layer : layers) {
      if (layer.conf().getLayer() instanceof BaseLayer base) {
        for (IUpdater updater : new IUpdater[] {base.getIUpdater(), base.getBiasUpdater()}) {
          if (updater != null && updater.hasLearningRate() && done.add(updater)) {
            all.add(updater);
          }
        }
      }
    }
    return all;
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
