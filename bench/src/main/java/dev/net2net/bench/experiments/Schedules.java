package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.Decay;
import dev.net2net.continuation.LearningRates;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.continuation.RateSchedule;
import dev.net2net.widen.Noise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;

/**
 * How a student should continue: the Net2WiderNet student of a teacher trained to a plateau (the
 * conv families of {@link ConvNets}) or of a young teacher (a few epochs, like the daemon's early
 * champions), continued with several learning-rate schedules ({@link RateSchedule}: the paper's
 * constant reduced rate, a cosine warm restart from the parent's rate, a short linear warm-up),
 * each with the teacher's optimizer state carried and reset. Curve groups are {@code
 * <family>-wider}, so that random init of the same student (in this run, or in {@code
 * --baseline-curves}) is the common yardstick.
 */
public final class Schedules implements Experiment {
  static final String INIT = "random init";

  /** One schedule arm: a shape at a scale of the teacher's rate. */
  record Spec(RateSchedule shape, double scale) {
    static Spec parse(String text, double warmup) {
      String[] at = text.split("@");
      if (at.length != 2) {
        throw new IllegalArgumentException(
            "a schedule is <constant|cosine>[+warmup]@<scale>, got '" + text + "'");
      }
      String[] parts = at[0].split("\\+");
      Decay decay = Decay.valueOf(parts[0].toUpperCase(Locale.ROOT));
      boolean warm = parts.length > 1 && parts[1].equals("warmup");
      return new Spec(new RateSchedule(decay, warm ? warmup : 0), Double.parseDouble(at[1]));
    }

    String label(OptimizerState state) {
      String shape =
          (shape().warmupFraction() > 0
                  ? "warm-up " + Math.round(shape().warmupFraction() * 100) + "% + "
                  : "")
              + shape().decay().name().toLowerCase(Locale.ROOT);
      return shape
          + " x"
          + OptimizerStates.trim(scale)
          + ", "
          + state.name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String name() {
    return "continuation";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    List<String> families = List.of(o.string("families", "inception,resnet").split(","));
    String name = o.string("name", "continuation");
    double warmup = o.number("warmup", 0.1, 0.1);
    List<Spec> specs =
        List.of(o.string("schedules", "constant@0.1,cosine@1,constant+warmup@1").split(","))
            .stream()
            .map(s -> Spec.parse(s, warmup))
            .toList();
    boolean init = Boolean.parseBoolean(o.string("init", "true"));
    String baselines = o.string("baseline-curves", "");
    double noise = o.number("noise", 0.05, 0.05);
    String cache = o.string("teacher-cache", "");
    int youngEpochs = o.integer("young-epochs", 1, 1);
    List<Setup> setups = new ArrayList<>();
    for (String f : families) {
      setups.add(setup(o, f, youngEpochs));
    }
    return () -> {
      if (!cache.isEmpty()) {
        Teachers.keepIn(Path.of(cache));
      }
      run(context, name, families, setups, specs, init, baselines, noise);
    };
  }

  /** {@code inception}, {@code resnet}: to a plateau; {@code <family>-young}: a few epochs. */
  static Setup setup(Options o, String family, int youngEpochs) {
    if (family.equals("mlp-young")) {
      Setup m = Setup.mlp(o);
      return new Setup(
          family,
          m.train(),
          m.validation(),
          m.epochs(),
          youngEpochs,
          m.batch(),
          m.evalsPerEpoch(),
          m.seeds());
    }
    if (family.endsWith("-young")) {
      Setup c = Setup.conv(o, family);
      return new Setup(
          family,
          c.train(),
          c.validation(),
          c.epochs(),
          youngEpochs,
          c.batch(),
          c.evalsPerEpoch(),
          c.seeds());
    }
    return Setup.conv(o, family);
  }

  static void run(
      Context context,
      String name,
      List<String> families,
      List<Setup> setups,
      List<Spec> specs,
      boolean init,
      String baselines,
      double noise) {
    java.time.Instant started = java.time.Instant.now();
    List<Done> done = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i);
      Setup setup = setups.get(i);
      String group = family.replace("-young", "") + "-wider";
      String curveGroup = family + "-wider";
      Setup s = setup.as(curveGroup);
      List<Comparison.Arm> arms = new ArrayList<>();
      for (Spec spec : specs) {
        for (OptimizerState state : OptimizerState.values()) {
          Continuation c = new Continuation(spec.scale(), state);
          arms.add(
              new Comparison.Arm(
                  spec.label(state),
                  (t, p, seed, e) -> {
                    Arms.Made m = wider(family, t, Noise.zeroSum(noise), seed, c, p);
                    LearningRates.schedule(m.model(), spec.shape(), setup.studentSteps());
                    return m;
                  }));
        }
      }
      if (init) {
        arms.add(
            new Comparison.Arm(
                INIT,
                (t, p, seed, e) ->
                    Arms.randomInit(
                        wider(family, t, Noise.none(), seed, Continuation.unchanged(), null)
                            .model(),
                        1000 + seed)));
      }
      Comparison runs = new Comparison();
      String teacherName =
          family.startsWith("mlp")
              ? "mlp-" + Models.narrowMlpWidth()
              : ConvFamily.named(family.replace("-young", "")).teacherName();
      done.add(new Done(family, s, runs, curveGroup, group));
      // Seed by seed, the page rewritten after each, so that a run cut short still has a page.
      for (long seed : s.seeds()) {
        runs.run(s.withSeeds(seed), teacherName, x -> teacher(family, x), arms);
        List<Curve> all = new ArrayList<>();
        done.forEach(d -> all.addAll(d.runs().curves));
        Curves.writeCsv(context.out().resolve(name + "-curves.csv"), all);
        Report report = page(context, name, noise, started);
        for (Done d : done) {
          section(report, d, init, baselines);
        }
        report.write();
      }
    }
  }

  /** A family's comparison so far. */
  private record Done(
      String family, Setup setup, Comparison runs, String curveGroup, String group) {}

  private static void section(Report report, Done d, boolean init, String baselines) {
    List<Curve> yardstick = new ArrayList<>(d.runs().curves);
    if (!init) {
      // The reference run's random init of the same student (same seeds, same data and budget),
      // read now: that run may be going on beside this one.
      List<Curve> reference =
          !baselines.isEmpty() && Files.exists(Path.of(baselines))
              ? Curves.readCsv(Path.of(baselines))
              : List.of();
      for (Curve c : reference) {
        if (c.group().equals(d.group()) && c.arm().equals(INIT)) {
          yardstick.add(new Curve(d.curveGroup(), INIT, c.seed(), c.points()));
        }
      }
    }
    report
        .section(d.family() + ": " + Wider.cap(d.runs().teacherSummary()))
        .text("Setup: " + d.setup().describe() + ".")
        .table(Curves.table(d.runs().curves, d.curveGroup(), d.runs().made, d.runs().params))
        .text(
            "Epochs to random init's final accuracy, as a fraction of its budget (mean over the seeds"
                + " that reached it; random init from "
                + (init ? "this run" : "`" + Path.of(baselines).getFileName() + "`")
                + "), and the area under the accuracy-by-epoch curve divided by the epochs (mean"
                + " accuracy over training):")
        .table(targets(d.runs().curves, yardstick, d.curveGroup()));
    Curves.figures(report, d.runs().curves, d.curveGroup(), d.family() + " student, by schedule");
  }

  private static Report page(
      Context context, String name, double noise, java.time.Instant started) {
    return new Report(
            context.out(),
            name,
            "How a grown student should continue: learning-rate schedule and optimizer state",
            "The Net2WiderNet student (zero-sum noise "
                + noise
                + ") of each teacher continues under several learning-rate schedules, each a factor on the"
                + " teacher's final rate (Adam, 1e-3): constant (the paper's reduced rate at x0.1), cosine from"
                + " the teacher's full rate down to zero at the end of the student's budget (a warm restart), and"
                + " a linear warm-up over the first part of the budget up to the teacher's full rate, then constant."
                + " Each with the teacher's Adam state carried (mapped like the parameters, iteration count kept)"
                + " and reset. The yardstick is random init of the student's architecture (same seed, full rate,"
                + " same budget): 'epochs to target' is the fraction of that budget a student needs to first reach"
                + " random init's final accuracy (at the evaluation points; load-independent, unlike time)."
                + " Raw curves: `"
                + name
                + "-curves.csv`.",
            context.machine(),
            context.command())
        .startedAt(started);
  }

  static Markdown targets(List<Curve> curves, List<Curve> yardstick, String group) {
    Markdown t =
        Markdown.table(
            "arm",
            ">seeds reached",
            ">epochs to target (fraction)",
            ">mean accuracy over training");
    for (String arm : Curves.arms(curves, group)) {
      if (arm.equals(INIT)) {
        continue;
      }
      List<Double> fractions = new ArrayList<>();
      List<Double> areas = new ArrayList<>();
      int n = 0;
      int missing = 0;
      for (Curve c : Curves.of(curves, group, arm)) {
        n++;
        areas.add(area(c));
        Curve base =
            yardstick.stream()
                .filter(b -> b.arm().equals(INIT) && b.seed() == c.seed())
                .findFirst()
                .orElse(null);
        if (base == null) {
          n--;
          missing++;
          continue;
        }
        Curve.Point reach = c.firstReaching(base.last().accuracy());
        if (reach != null) {
          fractions.add(reach.epoch() / base.last().epoch());
        }
      }
      t.row(
          arm,
          fractions.size()
              + " of "
              + n
              + (missing > 0 ? " (" + missing + " without a random-init baseline yet)" : ""),
          fractions.isEmpty()
              ? "n/a"
              : Curves.Stat.of(fractions.stream().mapToDouble(d -> d).toArray()).pm(3),
          Curves.Stat.of(areas.stream().mapToDouble(d -> d).toArray()).pm(4));
    }
    return t;
  }

  /** The mean validation accuracy over the training (trapezoids over epochs). */
  static double area(Curve c) {
    double sum = 0;
    List<Curve.Point> p = c.points();
    for (int i = 1; i < p.size(); i++) {
      sum +=
          (p.get(i).epoch() - p.get(i - 1).epoch())
              * (p.get(i).accuracy() + p.get(i - 1).accuracy())
              / 2;
    }
    return sum / Math.max(1e-9, c.last().epoch());
  }

  static Model teacher(String family, long seed) {
    return family.startsWith("mlp")
        ? Models.mlp(Models.narrowMlpWidth(), seed)
        : ConvFamily.named(family.replace("-young", "")).teacher(seed);
  }

  static Arms.Made wider(
      String family,
      Model t,
      Noise noise,
      long seed,
      Continuation c,
      org.nd4j.linalg.api.ndarray.INDArray probes) {
    if (family.startsWith("mlp")) {
      return Arms.widenChain(t, Arms.mlpHidden(), Models.MLP_WIDTH, noise, seed, c, probes);
    }
    return ConvFamily.named(family.replace("-young", "")).wider(t, noise, seed, c, probes);
  }
}
