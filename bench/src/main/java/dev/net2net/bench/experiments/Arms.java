package dev.net2net.bench.experiments;

import dev.net2net.Transformed;
import dev.net2net.baseline.RandomInit;
import dev.net2net.baseline.RandomPad;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerRef;
import dev.net2net.towers.DeepenTowersRequest;
import dev.net2net.towers.Tower;
import dev.net2net.towers.Towers;
import dev.net2net.towers.WidenTowersRequest;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How each experiment's starting networks are made from a trained teacher: Net2WiderNet (with and
 * without noise), random pad, Net2DeeperNet, and random init of the student's architecture.
 * Multi-step transforms apply the continuation (learning-rate scale) once: on the first step.
 */
final class Arms {
  private Arms() {}

  /**
   * A made network, the seconds it took, and the measured max |teacher - student| on probe images
   * (NaN if not measured).
   */
  record Made(Model model, double wallSeconds, double cpuSeconds, double preservation) {}

  static Continuation step(Continuation requested, int index) {
    return index == 0 ? requested : new Continuation(1.0, requested.optimizerState());
  }

  /**
   * Net2WiderNet on the named layers of a chain, one after another, each to {@code width} units.
   */
  static Made widenChain(
      Model teacher,
      List<String> layers,
      int width,
      Noise noise,
      long seed,
      Continuation c,
      INDArray probes) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Model current = teacher;
    for (int i = 0; i < layers.size(); i++) {
      WidenRequest r =
          WidenRequest.of(LayerRef.named(layers.get(i)), Width.units(width))
              .withNoise(noise)
              .withSeed(seed + i)
              .withContinuation(step(c, i));
      current = Net2WiderNet.widen(current, r).student();
    }
    return made(teacher, current, clock, probes);
  }

  /** Random pad of the named layers of a chain. */
  static Made padChain(
      Model teacher, List<String> layers, int width, long seed, Continuation c, INDArray probes) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Model current = teacher;
    for (int i = 0; i < layers.size(); i++) {
      WidenRequest r =
          WidenRequest.of(LayerRef.named(layers.get(i)), Width.units(width))
              .withSeed(seed + i)
              .withContinuation(step(c, i));
      current = RandomPad.widen(current, r, seed * 1000 + i).student();
    }
    return made(teacher, current, clock, probes);
  }

  /** Net2WiderNet on every tower layer of every Inception module (dev.net2net.towers). */
  static Made widenTowers(
      ComputationGraph teacher,
      double factor,
      Noise noise,
      long seed,
      Continuation c,
      INDArray probes) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Transformed<ComputationGraph> t =
        Towers.widen(
            teacher,
            WidenTowersRequest.byFactor(factor)
                .withNoise(noise)
                .withSeed(seed)
                .withContinuation(c));
    return made(teacher, t.student(), clock, probes);
  }

  /**
   * Random pad of every tower layer to the widths of {@code like} (a Net2WiderNet student), in the
   * same order.
   */
  static Made padTowers(
      ComputationGraph teacher, ComputationGraph like, long seed, Continuation c, INDArray probes) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (var module : Towers.find(teacher)) {
      for (Tower tower : module.towers()) {
        for (String layer : tower.layers()) {
          int want = width(like, layer);
          if (want > width(teacher, layer)) {
            targets.putIfAbsent(layer, want);
          }
        }
      }
    }
    Model current = teacher;
    int i = 0;
    for (var e : targets.entrySet()) {
      WidenRequest r =
          WidenRequest.of(LayerRef.named(e.getKey()), Width.units(e.getValue()))
              .withSeed(seed + i)
              .withContinuation(step(c, i));
      current = RandomPad.widen(current, r, seed * 1000 + i).student();
      i++;
    }
    return made(teacher, current, clock, probes);
  }

  /**
   * Net2DeeperNet for residual networks: a residual block (random inner convolution with an
   * identity batch normalization, zero outer convolution) after each named vertex of a graph.
   */
  static Made deepenResidual(
      ComputationGraph teacher,
      List<String> after,
      Continuation c,
      INDArray probes,
      boolean measure) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Model current = teacher;
    for (int i = 0; i < after.size(); i++) {
      current =
          Net2DeeperNet.deepenWithoutMeasuring(
                  current,
                  DeepenRequest.after(after.get(i))
                      .withResidual()
                      .withBatchNorm(BatchNormMode.IDENTITY)
                      .withContinuation(step(c, i)),
                  probes)
              .student();
    }
    return made(teacher, current, clock, measure ? probes : null);
  }

  /** Net2DeeperNet: an identity dense layer after each named layer of a chain. */
  static Made deepenChain(
      MultiLayerNetwork teacher, List<String> after, Continuation c, INDArray probes) {
    return deepenChain(teacher, after, c, probes, true);
  }

  static Made deepenChain(
      MultiLayerNetwork teacher,
      List<String> after,
      Continuation c,
      INDArray probes,
      boolean measure) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Model current = teacher;
    for (int i = 0; i < after.size(); i++) {
      current =
          Net2DeeperNet.deepenWithoutMeasuring(
                  current, DeepenRequest.after(after.get(i)).withContinuation(step(c, i)), probes)
              .student();
    }
    return made(teacher, current, clock, measure ? probes : null);
  }

  /**
   * Net2DeeperNet: {@code layers} identity 3x3 convolutions (each followed by an identity batch
   * norm) per tower.
   */
  static Made deepenTowers(ComputationGraph teacher, int layers, Continuation c, INDArray probes) {
    return deepenTowers(teacher, layers, c, probes, true);
  }

  static Made deepenTowers(
      ComputationGraph teacher, int layers, Continuation c, INDArray probes, boolean measure) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Transformed<ComputationGraph> t =
        Towers.deepen(
            teacher,
            DeepenTowersRequest.of(layers)
                .withBatchNorm(BatchNormMode.IDENTITY)
                .withContinuation(c),
            probes);
    return made(teacher, t.student(), clock, measure ? probes : null);
  }

  /**
   * The student's architecture from random weights (seeded): the paper's "random init" baseline.
   * Pass an architecture made with {@link Continuation#unchanged()}, so that it trains at the
   * teacher's full rate. (Scaling the rate of a fresh graph afterwards with {@code
   * LearningRates.scale} fails inside DL4J's {@code ComputationGraph.setLearningRate} on a graph
   * that has not been fit.)
   */
  static Made randomInit(Model architectureAtFullRate, long seed) {
    var clock = new dev.net2net.bench.train.CurveTrainer.Clock();
    Model fresh = RandomInit.like(architectureAtFullRate, seed);
    return new Made(fresh, clock.wall(), clock.cpu(), Double.NaN);
  }

  private static Made made(
      Model teacher,
      Model student,
      dev.net2net.bench.train.CurveTrainer.Clock clock,
      INDArray probes) {
    double wall = clock.wall();
    double cpu = clock.cpu();
    double diff =
        probes == null
            ? Double.NaN
            : Preservation.measure(
                    dev.net2net.model.ModelHandle.of(teacher),
                    dev.net2net.model.ModelHandle.of(student),
                    probes)
                .maxAbsDifference();
    return new Made(student, wall, cpu, diff);
  }

  static int width(ComputationGraph graph, String layer) {
    return Math.toIntExact(((FeedForwardLayer) graph.getLayer(layer).conf().getLayer()).getNOut());
  }

  static Continuation reduced(double scale, OptimizerState state) {
    return new Continuation(scale, state);
  }

  static List<String> mlpHidden() {
    return new ArrayList<>(List.of("hidden1", "hidden2"));
  }
}
