package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.widen.Noise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Experiment 4: after Net2WiderNet (narrow teacher to standard width, zero-sum noise), the
 * teacher's Adam state carried (mapped like the parameters) or reset, at several learning-rate
 * scales; with the random-init baseline of the same architecture as a reference.
 */
public final class OptimizerStates implements Experiment {
  static final String INIT = "random init";

  @Override
  public String name() {
    return "optimizer";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Setup mlp = Setup.mlp(o);
    Setup inception = Setup.inception(o);
    long[] inceptionSeeds = o.longs("inception-seeds", new long[] {1, 2}, new long[] {1});
    Setup inceptionRuns =
        new Setup(
            inception.family(),
            inception.train(),
            inception.validation(),
            inception.epochs(),
            inception.teacherEpochs(),
            inception.batch(),
            inception.evalsPerEpoch(),
            inceptionSeeds);
    List<String> families = List.of(o.string("families", "mlp,inception").split(","));
    double[] scales = scales(o.string("scales", "1,0.1,0.01"));
    double[] inceptionScales = scales(o.string("inception-scales", "1,0.1"));
    double noise = o.number("noise", 0.05, 0.05);
    return () ->
        run(
            context,
            families.contains("mlp") ? mlp : null,
            families.contains("inception") ? inceptionRuns : null,
            scales,
            inceptionScales,
            noise);
  }

  private static double[] scales(String list) {
    return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static String arm(OptimizerState state, double scale) {
    return state.name().toLowerCase(Locale.ROOT) + ", lr x" + trim(scale);
  }

  static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static void run(
      Context context,
      Setup mlp,
      Setup inception,
      double[] scales,
      double[] inceptionScales,
      double noise) {
    java.time.Instant started = java.time.Instant.now();
    int narrow = Models.narrowMlpWidth();
    Comparison mlpRuns = new Comparison();
    Comparison inceptionRuns = new Comparison();
    if (mlp != null) {
      List<Comparison.Arm> arms = new ArrayList<>();
      for (double scale : scales) {
        for (OptimizerState state : OptimizerState.values()) {
          Continuation c = new Continuation(scale, state);
          arms.add(
              new Comparison.Arm(
                  arm(state, scale),
                  (t, p, s, e) ->
                      Arms.widenChain(
                          (MultiLayerNetwork) t,
                          Arms.mlpHidden(),
                          Models.MLP_WIDTH,
                          Noise.zeroSum(noise),
                          s,
                          c,
                          p)));
        }
      }
      arms.add(
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
                      1000 + s)));
      mlpRuns.run(mlp, "mlp-" + narrow, seed -> Models.mlp(narrow, seed), arms);
    }
    if (inception != null) {
      double factor = 1 / Models.TEACHER_WIDTH;
      List<Comparison.Arm> arms = new ArrayList<>();
      for (double scale : inceptionScales) {
        for (OptimizerState state : OptimizerState.values()) {
          Continuation c = new Continuation(scale, state);
          arms.add(
              new Comparison.Arm(
                  arm(state, scale),
                  (t, p, s, e) ->
                      Arms.widenTowers(
                          (ComputationGraph) t, factor, Noise.zeroSum(noise), s, c, p)));
        }
      }
      arms.add(
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
                      1000 + s)));
      inceptionRuns.run(
          inception,
          "inception-" + Models.TEACHER_WIDTH,
          seed -> Models.inception(Models.TEACHER_WIDTH, seed),
          arms);
    }
    List<Curve> all = new ArrayList<>(mlpRuns.curves);
    all.addAll(inceptionRuns.curves);
    Curves.writeCsv(context.out().resolve("optimizer-curves.csv"), all);
    Report report =
        new Report(
                context.out(),
                "optimizer",
                "Optimizer state after the transform: carried or reset",
                "The narrow teacher of the wider experiment (Adam at 1e-3) is widened to the standard width by Net2WiderNet"
                    + " with zero-sum noise "
                    + noise
                    + ". The student continues with the teacher's Adam state either reset"
                    + " (zero moments, as a fresh network) or carried (mapped like the parameters: a replica's moments scaled"
                    + " the way its gradient relates to the original's, the iteration count kept for the bias correction), at"
                    + " several learning-rate scales of the teacher's rate. The random-init baseline of the same architecture"
                    + " (full rate) is shown for reference. Raw curves: `optimizer-curves.csv`.",
                context.machine(),
                context.command())
            .startedAt(started);
    if (mlp != null) {
      section(
          report,
          mlpRuns,
          mlp,
          "mlp",
          "MLP (784-"
              + narrow
              + "-"
              + narrow
              + "-10 -> 784-"
              + Models.MLP_WIDTH
              + "-"
              + Models.MLP_WIDTH
              + "-10)",
          scales);
    }
    if (inception != null) {
      section(
          report,
          inceptionRuns,
          inception,
          "inception",
          "Mini-Inception (towers 0.54x -> standard)",
          inceptionScales);
    }
    report.write();
  }

  private static void section(
      Report report, Comparison runs, Setup setup, String group, String title, double[] scales) {
    report
        .section(title)
        .text("Setup: " + setup.describe() + ". " + Wider.cap(runs.teacherSummary()) + ".")
        .table(Curves.table(runs.curves, group, runs.made, runs.params));
    Markdown grid = Markdown.table(header(scales));
    List<String> states = new ArrayList<>();
    double[][] values = new double[OptimizerState.values().length][scales.length];
    double[][] spread = new double[OptimizerState.values().length][scales.length];
    for (OptimizerState state : OptimizerState.values()) {
      List<Object> row = new ArrayList<>(List.of(state.name().toLowerCase(Locale.ROOT)));
      for (int i = 0; i < scales.length; i++) {
        List<Curve> cs = Curves.of(runs.curves, group, arm(state, scales[i]));
        Curves.Stat first =
            Curves.Stat.of(
                cs.stream()
                    .mapToDouble(c -> c.points().get(Math.min(1, c.points().size() - 1)).accuracy())
                    .toArray());
        Curves.Stat last =
            Curves.Stat.of(cs.stream().mapToDouble(c -> c.last().accuracy()).toArray());
        row.add(first.pm(4) + " / " + last.pm(4));
        values[state.ordinal()][i] = last.mean();
        spread[state.ordinal()][i] = last.std();
      }
      states.add(state.name().toLowerCase(Locale.ROOT));
      grid.row(row.toArray());
    }
    report
        .text(
            "Validation accuracy at the first evaluation / at the end, by optimizer state (rows) and"
                + " learning-rate scale (columns):")
        .table(grid);
    var png = report.file(group + "-final.png");
    Charts.bars(
        png,
        "Final validation accuracy after Net2WiderNet (" + group + ")",
        "learning-rate scale",
        "validation accuracy",
        Arrays.stream(scales).mapToObj(d -> "x" + trim(d)).toList(),
        states,
        values,
        spread,
        false);
    report.figure(png, group + ": final accuracy by optimizer state and learning-rate scale");
    Curves.figures(report, runs.curves, group, "Optimizer state and learning rate (" + group + ")");
  }

  private static String[] header(double[] scales) {
    String[] h = new String[scales.length + 1];
    h[0] = "optimizer state";
    for (int i = 0; i < scales.length; i++) {
      h[i + 1] = ">lr x" + trim(scales[i]);
    }
    return h;
  }
}
