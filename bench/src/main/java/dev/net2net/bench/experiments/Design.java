package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.CurveTrainer;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.widen.Noise;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Experiment 3, design-space exploration: the standard mini-Inception grown wider (every tower by a
 * factor, zero-sum noise) and then deeper (identity convolutions per tower) with Net2Net, against
 * training that architecture from scratch.
 */
public final class Design implements Experiment {
  static final String N2N = "net2net (wider + deeper)";
  static final String INIT = "random init";

  @Override
  public String name() {
    return "design";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Setup inception = Setup.inception(o);
    long[] seeds = o.longs("design-seeds", new long[] {1, 2}, new long[] {1});
    Setup setup =
        new Setup(
            inception.family(),
            inception.train(),
            inception.validation(),
            inception.epochs(),
            inception.teacherEpochs(),
            inception.batch(),
            inception.evalsPerEpoch(),
            seeds);
    double factor = o.number("factor", 1.5, 1.5);
    int layers = o.integer("layers", 1, 1);
    double noise = o.number("noise", 0.05, 0.05);
    double lrScale = o.number("lr-scale", 0.1, 0.1);
    return () -> run(context, setup, factor, layers, noise, lrScale);
  }

  static Arms.Made grow(
      ComputationGraph teacher,
      double factor,
      int layers,
      double noise,
      long seed,
      Continuation c,
      org.nd4j.linalg.api.ndarray.INDArray batchNormData,
      boolean measure) {
    var clock = new CurveTrainer.Clock();
    Arms.Made wide = Arms.widenTowers(teacher, factor, Noise.zeroSum(noise), seed, c, null);
    Arms.Made deep =
        Arms.deepenTowers(
            (ComputationGraph) wide.model(),
            layers,
            new Continuation(1.0, c.optimizerState()),
            batchNormData,
            false);
    double wall = clock.wall();
    double cpu = clock.cpu();
    double diff =
        measure
            ? dev.net2net.verify.Preservation.measure(teacher, deep.model(), batchNormData)
                .maxAbsDifference()
            : Double.NaN;
    return new Arms.Made(deep.model(), wall, cpu, diff);
  }

  static void run(
      Context context, Setup setup, double factor, int layers, double noise, double lrScale) {
    java.time.Instant started = java.time.Instant.now();
    Continuation c = new Continuation(lrScale, OptimizerState.RESET);
    Comparison runs = new Comparison();
    runs.run(
        setup,
        "inception-1.0",
        seed -> Models.inception(1.0, seed),
        List.of(
            new Comparison.Arm(
                N2N,
                (t, p, s, e) -> grow((ComputationGraph) t, factor, layers, noise, s, c, p, true)),
            new Comparison.Arm(
                INIT,
                (t, p, s, e) ->
                    Arms.randomInit(
                        grow(
                                (ComputationGraph) t,
                                factor,
                                layers,
                                noise,
                                s,
                                Continuation.unchanged(),
                                p,
                                false)
                            .model(),
                        1000 + s))));
    Curves.writeCsv(context.out().resolve("design-curves.csv"), runs.curves);
    Report report =
        new Report(
                context.out(),
                "design",
                "Design-space exploration: a wider and deeper mini-Inception",
                "The paper's third experiment in miniature. The standard mini-Inception is trained as the teacher, then"
                    + " grown with Net2Net: every tower convolution widened by a factor of "
                    + factor
                    + " (zero-sum noise "
                    + noise
                    + ") and "
                    + layers
                    + " identity 3x3 convolution(s) with identity batch normalization added at"
                    + " the end of every tower (the paper: 2x channels, or 8 identity convolutions per tower; smaller here for"
                    + " the compute budget). The grown network continues at "
                    + lrScale
                    + " x the teacher's rate; the"
                    + " baseline trains the same architecture from random init at the full rate. Raw curves:"
                    + " `design-curves.csv`.",
                context.machine(),
                context.command())
            .startedAt(started);
    report
        .section("Mini-Inception: standard -> x" + factor + " wider, +" + layers + " deeper")
        .text("Setup: " + setup.describe() + ". " + Wider.cap(runs.teacherSummary()) + ".")
        .table(Curves.table(runs.curves, "inception", runs.made, runs.params));
    Curves.figures(report, runs.curves, "inception", "Wider + deeper mini-Inception");
    report.write();
  }
}
