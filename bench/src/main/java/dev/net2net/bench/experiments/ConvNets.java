package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.widen.Noise;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The faithful conv-net experiments: per family ({@link ConvFamily}), a narrow teacher trained
 * until its validation accuracy plateaus (early stopping), then Net2WiderNet against random pad and
 * random init of the wider architecture, Net2DeeperNet against random init of the deeper one, and
 * the design-space growth (wider, then deeper) against random init of that. One teacher per seed
 * serves all three (the paper trained a standard-width teacher for Net2DeeperNet; one narrow
 * teacher halves the cost here). Writes {@code <name>.md} and {@code <name>-curves.csv}, with curve
 * groups {@code <family>-wider}, {@code <family>-deeper}, {@code <family>-design}.
 */
public final class ConvNets implements Experiment {
  static final String N2N = "net2net";
  static final String PAD = "random pad";
  static final String INIT = "random init";

  @Override
  public String name() {
    return "convnets";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    List<ConvFamily> families =
        List.of(o.string("families", "inception,resnet").split(",")).stream()
            .map(ConvFamily::named)
            .toList();
    List<String> growths = List.of(o.string("growths", "wider,deeper,design").split(","));
    String name = o.string("name", "convnets");
    double noise = o.number("noise", 0.05, 0.05);
    double lrScale = o.number("lr-scale", 0.1, 0.1);
    String cache = o.string("teacher-cache", "");
    List<Setup> setups = families.stream().map(f -> Setup.conv(o, f.label)).toList();
    return () -> {
      if (!cache.isEmpty()) {
        Teachers.keepIn(Path.of(cache));
      }
      run(context, name, families, setups, growths, noise, lrScale);
    };
  }

  static void run(
      Context context,
      String name,
      List<ConvFamily> families,
      List<Setup> setups,
      List<String> growths,
      double noise,
      double lrScale) {
    java.time.Instant started = java.time.Instant.now();
    Continuation c = new Continuation(lrScale, OptimizerState.RESET);
    Noise n = Noise.zeroSum(noise);
    List<Curve> all = new ArrayList<>();
    Report report =
        new Report(
                context.out(),
                name,
                "Net2Net on conv nets, with teachers trained to a plateau",
                "The paper's three experiments on two conv-net families, with the teacher trained until its validation"
                    + " accuracy stops improving (early stopping) instead of for a fixed few steps. Net2Net students"
                    + " (zero-sum noise "
                    + noise
                    + " on the widened layers) continue with Adam at "
                    + lrScale
                    + " x the teacher's rate (1e-3), optimizer state reset, as in the paper; random pad (the teacher's"
                    + " weights copied, new units random) continues the same way; random init trains the student's"
                    + " architecture from scratch at the full rate. All arms of a seed train the same number of epochs on"
                    + " the same data. Time is the transform plus training, not the teacher's training and not the"
                    + " evaluations. The ratio of time to random init's final accuracy is in `headline.md`. Raw curves: `"
                    + name
                    + "-curves.csv`.",
                context.machine(),
                context.command())
            .startedAt(started);
    for (int i = 0; i < families.size(); i++) {
      ConvFamily f = families.get(i);
      Setup setup = setups.get(i);
      report.section(Wider.cap(f.label) + ": " + f.describe());
      report.text("Setup: " + setup.describe() + ".");
      boolean first = true;
      for (String growth : growths) {
        String group = f.label + "-" + growth;
        Comparison runs = new Comparison();
        List<Comparison.Arm> arms =
            switch (growth) {
              case "wider" ->
                  List.of(
                      new Comparison.Arm(N2N, (t, p, s, e) -> f.wider(t, n, s, c, p)),
                      new Comparison.Arm(
                          PAD, (t, p, s, e) -> f.pad(t, e.get(N2N).model(), s, c, p)),
                      new Comparison.Arm(
                          INIT,
                          (t, p, s, e) ->
                              Arms.randomInit(
                                  f.wider(t, Noise.none(), s, Continuation.unchanged(), null)
                                      .model(),
                                  1000 + s)));
              case "deeper" ->
                  List.of(
                      new Comparison.Arm(N2N, (t, p, s, e) -> f.deeper(t, c, p, true)),
                      new Comparison.Arm(
                          INIT,
                          (t, p, s, e) ->
                              Arms.randomInit(
                                  f.deeper(t, Continuation.unchanged(), p, false).model(),
                                  1000 + s)));
              case "design" ->
                  List.of(
                      new Comparison.Arm(N2N, (t, p, s, e) -> f.design(t, n, s, c, p, true)),
                      new Comparison.Arm(
                          INIT,
                          (t, p, s, e) ->
                              Arms.randomInit(
                                  f.design(t, Noise.none(), s, Continuation.unchanged(), p, false)
                                      .model(),
                                  1000 + s)));
              default ->
                  throw new IllegalArgumentException(
                      "unknown growth '" + growth + "'; known: wider, deeper, design");
            };
        runs.run(setup.as(group), f.teacherName(), f::teacher, arms);
        all.addAll(runs.curves);
        Curves.writeCsv(context.out().resolve(name + "-curves.csv"), all);
        if (first) {
          report.text(teachers(runs.teacherCurves, setup));
          first = false;
        }
        report
            .section(Wider.cap(f.label) + ", " + growth)
            .table(Curves.table(runs.curves, group, runs.made, runs.params));
        Curves.figures(report, runs.curves, group, Wider.cap(f.label) + " " + growth);
        report.write();
      }
    }
    report.write();
  }

  /** Each seed's teacher: epochs trained, best and final validation accuracy, seconds. */
  static String teachers(List<Curve> curves, Setup setup) {
    Markdown t =
        Markdown.table(
            ">seed", ">epochs trained", ">best accuracy (epoch)", ">final accuracy", ">seconds");
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      Curve.Point best = c.points().get(0);
      for (Curve.Point p : c.points()) {
        if (p.accuracy() > best.accuracy()) {
          best = p;
        }
      }
      t.row(
          setup.seeds()[i],
          Markdown.f("%.0f", c.last().epoch()),
          Markdown.f("%.4f (%.2f)", best.accuracy(), best.epoch()),
          Markdown.f("%.4f", c.last().accuracy()),
          Markdown.f("%.0f", c.last().wallSeconds()));
    }
    return "The teachers (early stopping recorded: epochs trained until the plateau):\n\n"
        + t.render();
  }
}
