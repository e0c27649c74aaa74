package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import dev.net2net.training.Continuation;
import dev.net2net.training.OptimizerState;
import dev.net2net.widen.Noise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Experiment 4: after Net2WiderNet (MLP, narrow teacher to standard width, zero-sum noise), the teacher's Adam
 * state carried (mapped like the parameters) or reset, at learning-rate scales 1, 0.1 and 0.01.
 */
public final class OptimizerStates implements Experiment {

  @Override
  public String name() {
    return "optimizer";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Setup mlp = Setup.mlp(o);
    double[] scales = java.util.Arrays.stream(o.string("scales", "1,0.1,0.01").split(","))
        .mapToDouble(Double::parseDouble).toArray();
    double noise = o.number("noise", 0.05, 0.05);
    return () -> run(context, mlp, scales, noise);
  }

  static String arm(OptimizerState state, double scale) {
    return state.name().toLowerCase(Locale.ROOT) + ", lr x" + trim(scale);
  }

  static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  static void run(Context context, Setup mlp, double[] scales, double noise) {
    java.time.Instant started = java.time.Instant.now();
    int narrow = Models.narrowMlpWidth();
    List<Comparison.Arm> arms = new ArrayList<>();
    for (double scale : scales) {
      for (OptimizerState state : OptimizerState.values()) {
        Continuation c = new Continuation(scale, state);
        arms.add(new Comparison.Arm(arm(state, scale), (t, p, s, e) -> Arms.widenChain((MultiLayerNetwork) t,
            Arms.mlpHidden(), Models.MLP_WIDTH, Noise.zeroSum(noise), s, c, p)));
      }
    }
    Comparison runs = new Comparison();
    runs.run(mlp, "mlp-" + narrow, seed -> Models.mlp(narrow, seed), arms);
    Curves.writeCsv(context.out().resolve("optimizer-curves.csv"), runs.curves);
    Report report = new Report(context.out(), "optimizer", "Optimizer state after the transform: carried or reset",
        "The MLP teacher (784-" + narrow + "-" + narrow + "-10, Adam at 1e-3) is widened to 784-" + Models.MLP_WIDTH
            + "-" + Models.MLP_WIDTH + "-10 by Net2WiderNet with zero-sum noise " + noise + ". The student continues"
            + " with the teacher's Adam state either reset (zero moments, as a fresh network) or carried (mapped like"
            + " the parameters: a replica's incoming moments are scaled the way its gradient relates to the"
            + " original's, the iteration count kept for the bias correction), at learning-rate scales "
            + java.util.Arrays.toString(scales) + " of the teacher's rate. MLP only, for the compute budget. Raw"
            + " curves: `optimizer-curves.csv`.",
        context.machine(), context.command()).startedAt(started);
    report.section("Results").text("Setup: " + mlp.describe() + ". " + Wider.cap(runs.teacherSummary()) + ".")
        .table(Curves.table(runs.curves, "mlp", runs.made, runs.params));
    Markdown grid = Markdown.table("optimizer state", ">lr x1", ">lr x0.1", ">lr x0.01");
    grid = Markdown.table(header(scales));
    List<String> states = new ArrayList<>();
    double[][] values = new double[OptimizerState.values().length][scales.length];
    double[][] spread = new double[OptimizerState.values().length][scales.length];
    for (OptimizerState state : OptimizerState.values()) {
      List<Object> row = new ArrayList<>(List.of(state.name().toLowerCase(Locale.ROOT)));
      for (int i = 0; i < scales.length; i++) {
        Curves.Stat first = Curves.Stat.of(Curves.of(runs.curves, "mlp", arm(state, scales[i])).stream()
            .mapToDouble(c -> c.points().get(Math.min(1, c.points().size() - 1)).accuracy()).toArray());
        Curves.Stat last = Curves.Stat.of(Curves.of(runs.curves, "mlp", arm(state, scales[i])).stream()
            .mapToDouble(c -> c.last().accuracy()).toArray());
        row.add(first.pm(4) + " / " + last.pm(4));
        values[state.ordinal()][i] = last.mean();
        spread[state.ordinal()][i] = last.std();
      }
      states.add(state.name().toLowerCase(Locale.ROOT));
      grid.row(row.toArray());
    }
    report.section("Accuracy at the first evaluation / at the end, by optimizer state and learning-rate scale")
        .table(grid);
    var png = report.file("final.png");
    Charts.bars(png, "Final validation accuracy after Net2WiderNet (MLP)", "learning-rate scale", "validation accuracy",
        java.util.Arrays.stream(scales).mapToObj(d -> "x" + trim(d)).toList(), states, values, spread, false);
    report.figure(png, "final accuracy by optimizer state and learning-rate scale");
    Curves.figures(report, runs.curves, "mlp", "Optimizer state and learning rate (MLP)");
    report.write();
  }

  private static String[] header(double[] scales) {
    String[] h = new String[scales.length + 1];
    h[0] = "optimizer state";
    for (int i = 0; i < scales.length; i++) {
      h[i + 1] = ">lr x" + trim(scales[i]);
    }
    return h;
  }

  static List<Curve> none() {
    return List.of();
  }
}
