package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Options;
import dev.net2net.bench.jmh.TransformBenchmark;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Experiment 6: JMH measurements of Net2WiderNet and Net2DeeperNet on MLPs of about 1M, 10M and 50M
 * parameters against copying all parameters once ({@code params().dup()} of the teacher and of each
 * student), as ratios measured in the same run, with the students built as the surgery built them
 * before issue 14 beside the students built directly from the plan.
 */
public final class TransformCost implements Experiment {

  @Override
  public String name() {
    return "transform-cost";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    String sizes =
        o.string("sizes", context.quick() ? "10000,100000" : "1000000,10000000,50000000");
    int warmups = o.integer("warmups", 3, 1);
    int iterations = o.integer("iterations", 5, 1);
    double seconds = o.number("iteration-seconds", 2, 0.05);
    int forks = o.integer("forks", 1, 0);
    return () -> run(context, sizes.split(","), warmups, iterations, seconds, forks);
  }

  record Score(double ms, double error) {}

  static void run(
      Context context, String[] sizes, int warmups, int iterations, double seconds, int forks) {
    java.time.Instant started = java.time.Instant.now();
    long ms = Math.round(seconds * 1000);
    var options =
        new OptionsBuilder()
            .include(TransformBenchmark.class.getName() + "\\.")
            .param("params", sizes)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.milliseconds(ms))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.milliseconds(ms))
            .forks(forks)
            .shouldFailOnError(true)
            .jvmArgsAppend(
                "-Xmx4g",
                "-Dorg.bytedeco.javacpp.maxbytes=8G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G")
            .build();
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
    }
    Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
    for (String size : sizes) {
      scores.put(size, new LinkedHashMap<>());
    }
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String size = r.getParams().getParam("params");
      double error = r.getPrimaryResult().getScoreError();
      scores
          .get(size)
          .put(method, new Score(r.getPrimaryResult().getScore(), Double.isNaN(error) ? 0 : error));
    }
    String command = context.command();
    Report report =
        new Report(
                context.out(),
                "transform-cost",
                "Transform cost against copying the parameters",
                "JMH ("
                    + org.openjdk.jmh.util.Utils.class.getPackage().getImplementationVersion()
                    + ", average time, "
                    + forks
                    + " fork(s), "
                    + warmups
                    + " warm-up and "
                    + iterations
                    + " measured iterations of "
                    + seconds
                    + " s) on MLPs 784-H-H-10 of about "
                    + String.join(", ", sizes)
                    + " parameters. `copy` is"
                    + " `params().dup()` of the teacher, `copy widened` and `copy deepened` the same of each student: every"
                    + " parameter copied once, the floor. `widen` is `Net2WiderNet.widen` of the first hidden layer from H to"
                    + " 1.5 H units; `deepen` is `Net2DeeperNet.deepen` of an identity layer after the first hidden layer;"
                    + " no probes are given, so no preservation measurement is included, and the optimizer state is reset"
                    + " (the default). *Before* is the construction the surgery used until issue 14 (`init()` draws random"
                    + " weights for every parameter of the student, which are then overwritten; the identity layer is"
                    + " built in the plan and copied), *after* the student's flat parameter array allocated uninitialised,"
                    + " handed to DL4J's `init(params, false)` and written once from the teacher through the plan, the"
                    + " identity written in place. All seven run in the same JMH run, one after another (JMH runs each method"
                    + " at every size in turn). Error columns are"
                    + " JMH's 99.9% confidence half-widths; the machine is shared, so the ratios, measured minutes apart"
                    + " in the same run, are the figures to read.",
                context.machine(),
                command)
            .startedAt(started);
    Markdown times =
        Markdown.table(
            ">parameters",
            ">H",
            ">student parameters (widen / deepen)",
            ">copy ms",
            ">copy widened ms",
            ">copy deepened ms",
            ">widen before ms",
            ">widen after ms",
            ">deepen before ms",
            ">deepen after ms");
    Markdown ratioTable =
        Markdown.table(
            ">parameters",
            ">widen before / copy widened",
            ">widen after / copy widened",
            ">deepen before / copy deepened",
            ">deepen after / copy deepened",
            ">widen after / copy",
            ">deepen after / copy",
            ">widen speed-up",
            ">deepen speed-up");
    List<String> categories = new ArrayList<>();
    double[][] ratios = new double[4][sizes.length];
    int i = 0;
    for (String size : sizes) {
      Map<String, Score> s = scores.get(size);
      int h = hiddenFor(Long.parseLong(size));
      long widened = 784L * (h + h / 2) + (h + h / 2) + (long) (h + h / 2) * h + h + 10L * h + 10;
      long deepened = Long.parseLong(size) + (long) h * h + h;
      Score copy = s.get("copy");
      Score copyWidened = s.get("copyWidened");
      Score copyDeepened = s.get("copyDeepened");
      Score widenBefore = s.get("widenBefore");
      Score widen = s.get("widen");
      Score deepenBefore = s.get("deepenBefore");
      Score deepen = s.get("deepen");
      times.row(
          Markdown.f("%,d", Long.parseLong(size)),
          h,
          Markdown.f("%,d / %,d", widened, deepened),
          ms(copy),
          ms(copyWidened),
          ms(copyDeepened),
          ms(widenBefore),
          ms(widen),
          ms(deepenBefore),
          ms(deepen));
      ratioTable.row(
          Markdown.f("%,d", Long.parseLong(size)),
          Markdown.f("%.1f", widenBefore.ms() / copyWidened.ms()),
          Markdown.f("%.2f", widen.ms() / copyWidened.ms()),
          Markdown.f("%.1f", deepenBefore.ms() / copyDeepened.ms()),
          Markdown.f("%.2f", deepen.ms() / copyDeepened.ms()),
          Markdown.f("%.2f", widen.ms() / copy.ms()),
          Markdown.f("%.2f", deepen.ms() / copy.ms()),
          Markdown.f("%.1fx", widenBefore.ms() / widen.ms()),
          Markdown.f("%.1fx", deepenBefore.ms() / deepen.ms()));
      categories.add(Markdown.f("%,d", Long.parseLong(size)));
      ratios[0][i] = widenBefore.ms() / copyWidened.ms();
      ratios[1][i] = widen.ms() / copyWidened.ms();
      ratios[2][i] = deepenBefore.ms() / copyDeepened.ms();
      ratios[3][i] = deepen.ms() / copyDeepened.ms();
      i++;
    }
    report.section("Results").table(times).table(ratioTable);
    var png = report.file("ratios.png");
    Charts.bars(
        png,
        "Transform time / time to copy the student's parameters once",
        "teacher parameters",
        "ratio",
        categories,
        List.of("widen before", "widen after", "deepen before", "deepen after"),
        ratios,
        null,
        false);
    report.figure(png, "transform cost ratios");
    report.write();
  }

  private static String ms(Score score) {
    return score.ms() >= 10
        ? Markdown.f("%.1f ± %.1f", score.ms(), score.error())
        : Markdown.f("%.2f ± %.2f", score.ms(), score.error());
  }

  static int hiddenFor(long params) {
    return (int) Math.round((-796 + Math.sqrt(796.0 * 796 + 4.0 * (params - 10))) / 2);
  }

  static String join(long[] a) {
    return Arrays.toString(a);
  }
}
