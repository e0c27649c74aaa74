package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Experiment 2, Net2DeeperNet: the standard network trained as the teacher; the student is deeper
 * by identity layers (an identity dense layer after each hidden layer of the MLP; identity 3x3
 * convolutions with identity batch normalization at the end of every Inception tower), against the
 * same deeper architecture from random init.
 */
public final class Deeper implements Experiment {
  static final String N2N = "net2net";
  static final String INIT = "random init";

  @Override
  public String name() {
    return "deeper";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Setup mlp = Setup.mlp(o);
    Setup inception = Setup.inception(o);
    List<String> families = List.of(o.string("families", "mlp,inception").split(","));
    int layers = o.integer("layers", 1, 1);
    double lrScale = o.number("lr-scale", 0.1, 0.1);
    return () ->
        run(
            context,
            families.contains("mlp") ? mlp : null,
            families.contains("inception") ? inception : null,
            layers,
            lrScale);
  }

  static void run(Context context, Setup mlp, Setup inception, int layers, double lrScale) {
    java.time.Instant started = java.time.Instant.now();
    Continuation c = new Continuation(lrScale, OptimizerState.RESET);
    Comparison mlpRuns = new Comparison();
    Comparison inceptionRuns = new Comparison();
    if (mlp != null) {
      mlpRuns.run(
          mlp,
          "mlp-" + Models.MLP_WIDTH,
          seed -> Models.mlp(Models.MLP_WIDTH, seed),
          List.of(
              new Comparison.Arm(
                  N2N,
                  (t, p, s, e) -> Arms.deepenChain((MultiLayerNetwork) t, Arms.mlpHidden(), c, p)),
              new Comparison.Arm(
                  INIT,
                  (t, p, s, e) ->
                      Arms.randomInit(
                          Arms.deepenChain(
                                  (MultiLayerNetwork) t,
                                  Arms.mlpHidden(),
                                  Continuation.unchanged(),
                                  p,
                                  false)
                              .model(),
                          1000 + s))));
    }
    if (inception != null) {
      inceptionRuns.run(
          inception,
          "inception-1.0",
          seed -> Models.inception(1.0, seed),
          List.of(
              new Comparison.Arm(
                  N2N, (t, p, s, e) -> Arms.deepenTowers((ComputationGraph) t, layers, c, p)),
              new Comparison.Arm(
                  INIT,
                  (t, p, s, e) ->
                      Arms.randomInit(
                          Arms.deepenTowers(
                                  (ComputationGraph) t, layers, Continuation.unchanged(), p, false)
                              .model(),
                          1000 + s))));
    }
    List<Curve> all = new ArrayList<>(mlpRuns.curves);
    all.addAll(inceptionRuns.curves);
    Curves.writeCsv(context.out().resolve("deeper-curves.csv"), all);
    Report report =
        new Report(
                context.out(),
                "deeper",
                "Net2DeeperNet: a deeper student from the standard network",
                "The paper's second experiment in miniature. The standard network is trained as the teacher; the student"
                    + " gets identity layers: an identity dense layer (ReLU) after each hidden layer of the MLP, and "
                    + layers
                    + " identity 3x3 convolution(s) per Inception tower, each followed by a batch normalization that starts as"
                    + " the identity (statistics measured on 256 validation images), inserted at the tower's end (the paper"
                    + " added four per tower; fewer here for the compute budget). The baseline trains the same deeper"
                    + " architecture from random init at the full learning rate; the Net2Net student continues at "
                    + lrScale
                    + " x, optimizer state reset. Raw curves: `deeper-curves.csv`.",
                context.machine(),
                context.command())
            .startedAt(started);
    if (mlp != null) {
      report
          .section("MLP (784-256-256-10 teacher, 784-256-256-256-256-10 student)")
          .text("Setup: " + mlp.describe() + ". " + Wider.cap(mlpRuns.teacherSummary()) + ".")
          .table(Curves.table(mlpRuns.curves, "mlp", mlpRuns.made, mlpRuns.params));
      Curves.figures(report, mlpRuns.curves, "mlp", "Net2DeeperNet, MLP");
    }
    if (inception != null) {
      report
          .section("Mini-Inception (standard teacher, +" + layers + " identity conv per tower)")
          .text(
              "Setup: "
                  + inception.describe()
                  + ". "
                  + Wider.cap(inceptionRuns.teacherSummary())
                  + ".")
          .table(
              Curves.table(
                  inceptionRuns.curves, "inception", inceptionRuns.made, inceptionRuns.params));
      Curves.figures(report, inceptionRuns.curves, "inception", "Net2DeeperNet, mini-Inception");
    }
    report.write();
  }
}
