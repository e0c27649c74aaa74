package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Report;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.widen.Noise;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Experiment 1, Net2WiderNet: a narrow teacher (0.54x width) trained on the data; the standard
 * width made by Net2WiderNet without noise and with zero-sum noise, by random pad, and by random
 * init; validation accuracy against epochs and against wall-clock time.
 */
public final class Wider implements Experiment {
  static final String N2N = "net2net";
  static final String N2N_NOISE = "net2net + noise";
  static final String PAD = "random pad";
  static final String INIT = "random init";

  @Override
  public String name() {
    return "wider";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Setup mlp = Setup.mlp(o);
    Setup inception = Setup.inception(o);
    List<String> families = List.of(o.string("families", "mlp,inception").split(","));
    double noise = o.number("noise", 0.05, 0.05);
    double lrScale = o.number("lr-scale", 0.1, 0.1);
    return () ->
        run(
            context,
            families.contains("mlp") ? mlp : null,
            families.contains("inception") ? inception : null,
            noise,
            lrScale);
  }

  static void run(Context context, Setup mlp, Setup inception, double noise, double lrScale) {
    java.time.Instant started = java.time.Instant.now();
    Continuation c = new Continuation(lrScale, OptimizerState.RESET);
    Comparison mlpRuns = new Comparison();
    Comparison inceptionRuns = new Comparison();
    if (mlp != null) {
      int narrow = Models.narrowMlpWidth();
      mlpRuns.run(
          mlp,
          "mlp-" + narrow,
          seed -> Models.mlp(narrow, seed),
          List.of(
              new Comparison.Arm(
                  N2N,
                  (t, p, s, e) ->
                      Arms.widenChain(
                          (MultiLayerNetwork) t,
                          Arms.mlpHidden(),
                          Models.MLP_WIDTH,
                          Noise.none(),
                          s,
                          c,
                          p)),
              new Comparison.Arm(
                  N2N_NOISE,
                  (t, p, s, e) ->
                      Arms.widenChain(
                          (MultiLayerNetwork) t,
                          Arms.mlpHidden(),
                          Models.MLP_WIDTH,
                          Noise.zeroSum(noise),
                          s,
                          c,
                          p)),
              new Comparison.Arm(
                  PAD,
                  (t, p, s, e) ->
                      Arms.padChain(
                          (MultiLayerNetwork) t, Arms.mlpHidden(), Models.MLP_WIDTH, s, c, p)),
              new Comparison.Arm(
                  INIT,
                  (t, p, s, e) ->
                      Arms.randomInit(
                          Arms.widenChain(
                                  (MultiLayerNetwork) t,
                                  Arms.mlpHidden(),
                                  Models.MLP_WIDTH,
                                  Noise.none(),
                                  s,
                                  Continuation.unchanged(),
                                  null)
                              .model(),
                          1000 + s))));
    }
    if (inception != null) {
      double factor = 1 / Models.TEACHER_WIDTH;
      inceptionRuns.run(
          inception,
          "inception-" + Models.TEACHER_WIDTH,
          seed -> Models.inception(Models.TEACHER_WIDTH, seed),
          List.of(
              new Comparison.Arm(
                  N2N,
                  (t, p, s, e) ->
                      Arms.widenTowers((ComputationGraph) t, factor, Noise.none(), s, c, p)),
              new Comparison.Arm(
                  N2N_NOISE,
                  (t, p, s, e) ->
                      Arms.widenTowers(
                          (ComputationGraph) t, factor, Noise.zeroSum(noise), s, c, p)),
              new Comparison.Arm(
                  PAD,
                  (t, p, s, e) ->
                      Arms.padTowers(
                          (ComputationGraph) t, (ComputationGraph) e.get(N2N).model(), s, c, p)),
              new Comparison.Arm(
                  INIT,
                  (t, p, s, e) ->
                      Arms.randomInit(
                          Arms.widenTowers(
                                  (ComputationGraph) t,
                                  factor,
                                  Noise.none(),
                                  s,
                                  Continuation.unchanged(),
                                  null)
                              .model(),
                          1000 + s))));
    }
    List<dev.net2net.bench.train.Curve> all = new ArrayList<>(mlpRuns.curves);
    all.addAll(inceptionRuns.curves);
    Curves.writeCsv(context.out().resolve("wider-curves.csv"), all);

    Report report =
        new Report(
                context.out(),
                "wider",
                "Net2WiderNet: a wider student from a narrow teacher",
                "The paper's first experiment in miniature. A teacher with about 0.54x the standard width (the paper's"
                    + " sqrt(0.3)) is trained on the data; the standard width is then made from it by Net2WiderNet without"
                    + " noise (exactly function-preserving), by Net2WiderNet with zero-sum noise of "
                    + noise
                    + " x the reading layer's weight spread (breaks the replicas' symmetry, still function-preserving), by"
                    + " random pad (the teacher's weights copied, the new units random) and by random init (the same"
                    + " architecture from scratch). Students made from the teacher continue with Adam at "
                    + lrScale
                    + " x the teacher's learning rate (1e-3), optimizer state reset; random init trains at the full rate."
                    + " Time on the x axis is the transform plus training, not the teacher's training and not the"
                    + " evaluations. Raw curves: `wider-curves.csv`.",
                context.machine(),
                context.command())
            .startedAt(started);
    if (mlp != null) {
      report
          .section(
              "MLP (784-"
                  + Models.narrowMlpWidth()
                  + "-"
                  + Models.narrowMlpWidth()
                  + "-10 teacher, 784-"
                  + Models.MLP_WIDTH
                  + "-"
                  + Models.MLP_WIDTH
                  + "-10 student)")
          .text("Setup: " + mlp.describe() + ". " + cap(mlpRuns.teacherSummary()) + ".")
          .table(Curves.table(mlpRuns.curves, "mlp", mlpRuns.made, mlpRuns.params));
      Curves.figures(report, mlpRuns.curves, "mlp", "Net2WiderNet, MLP");
    }
    if (inception != null) {
      report
          .section(
              "Mini-Inception (towers at "
                  + Models.TEACHER_WIDTH
                  + "x, widened by a factor of "
                  + String.format(java.util.Locale.ROOT, "%.3f", 1 / Models.TEACHER_WIDTH)
                  + ")")
          .text(
              "Setup: "
                  + inception.describe()
                  + ". "
                  + cap(inceptionRuns.teacherSummary())
                  + ". Every tower"
                  + " convolution is widened (`Towers.widen`); the stem keeps the teacher's width, so the student is the"
                  + " standard mini-Inception's towers on a 0.54x stem.")
          .table(
              Curves.table(
                  inceptionRuns.curves, "inception", inceptionRuns.made, inceptionRuns.params));
      Curves.figures(report, inceptionRuns.curves, "inception", "Net2WiderNet, mini-Inception");
    }
    report.write();
  }

  static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
