package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 5, the headline ratio: the time a Net2Net student needs to reach the final validation
 * accuracy of the random-init baseline (same seed, same architecture, same budget), divided by the
 * baseline's time; from the curves the wider, deeper, design and optimizer experiments wrote. A
 * student that never reaches it is counted as not reached, not as a ratio.
 */
public final class Headline implements Experiment {

  @Override
  public String name() {
    return "headline";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    Path from = Path.of(o.string("from", context.out().toString()));
    return () -> run(context, from);
  }

  record Ratio(
      String experiment,
      String group,
      String arm,
      long seed,
      double baselineAccuracy,
      double baselineWall,
      double wall,
      double cpu,
      double epochs,
      boolean reached) {}

  static void run(Context context, Path from) {
    java.time.Instant started = java.time.Instant.now();
    List<Ratio> ratios = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> experiments = new ArrayList<>(List.of("wider", "deeper", "design", "optimizer"));
    // Then every other experiment's training curves (convnets-*, continuation-*), in name order;
    // the stream benchmark's CSVs of served accuracy share the suffix, not the columns.
    try (var files = Files.list(from)) {
      files
          .filter(f -> f.getFileName().toString().endsWith("-curves.csv"))
          .filter(Curves::isCurvesFile)
          .map(f -> f.getFileName().toString())
          .map(f -> f.substring(0, f.length() - "-curves.csv".length()))
          .filter(e -> !experiments.contains(e))
          .sorted()
          .forEach(experiments::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // A student's random-init baseline is in its own file, or else (an experiment that reuses
    // another's baselines, like continuation-*) in any file with the same group.
    List<Curve> everyBaseline = new ArrayList<>();
    for (String experiment : experiments) {
      Path csv = from.resolve(experiment + "-curves.csv");
      if (Files.exists(csv)) {
        Curves.readCsv(csv).stream()
            .filter(c -> c.arm().equals("random init"))
            .forEach(everyBaseline::add);
      }
    }
    for (String experiment : experiments) {
      Path csv = from.resolve(experiment + "-curves.csv");
      if (!Files.exists(csv)) {
        continue;
      }
      sources.add("`" + csv.getFileName() + "`");
      List<Curve> curves = Curves.readCsv(csv);
      List<Curve> ownBaselines =
          curves.stream().filter(c -> c.arm().equals("random init")).toList();
      for (Curve student : curves) {
        if (student.arm().equals("random init") || student.arm().equals("random pad")) {
          continue;
        }
        Curve baseline =
            java.util.stream.Stream.concat(ownBaselines.stream(), everyBaseline.stream())
                .filter(
                    c ->
                        c.group().equals(student.group())
                            && c.seed() == student.seed()
                            && sameTrainingSet(c, student))
                .findFirst()
                .orElse(null);
        if (baseline == null) {
          continue;
        }
        double target = baseline.last().accuracy();
        Curve.Point b = baseline.last();
        Curve.Point reach = student.firstReaching(target);
        double bWall = b.wallSeconds();
        double bCpu = b.cpuSeconds();
        ratios.add(
            reach == null
                ? new Ratio(
                    experiment,
                    student.group(),
                    student.arm(),
                    student.seed(),
                    target,
                    bWall,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    false)
                : new Ratio(
                    experiment,
                    student.group(),
                    student.arm(),
                    student.seed(),
                    target,
                    bWall,
                    reach.wallSeconds() / bWall,
                    reach.cpuSeconds() / bCpu,
                    reach.epoch() / b.epoch(),
                    true));
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException(
          "no curves in "
              + from.toAbsolutePath()
              + ": run the wider, deeper or design"
              + " experiment first (bench/run wider ...), or pass --from DIR");
    }
    Report report =
        new Report(
                context.out(),
                "headline",
                "The headline ratio: time to the baseline's accuracy",
                "For every Net2Net student and seed: the wall-clock time (transform + training, evaluations excluded) until"
                    + " its validation accuracy first reaches the final accuracy of the random-init baseline of the same seed"
                    + " and architecture, divided by the baseline's total training time. Below 1 means the student gets"
                    + " there sooner. The teacher's training is not counted (as in the paper: the teacher exists already)."
                    + " Accuracy is measured only at the evaluation points, so a ratio is rounded up to the next point. Also"
                    + " shown: the same ratio in process CPU time (less sensitive to other load on this shared machine) and"
                    + " in epochs. Computed from "
                    + String.join(", ", sources)
                    + ". The conv-net rows (`convnets-<family>`: teachers trained to a plateau; see"
                    + " `convnets-inception.md`) have groups `<family>-<growth>`; the `continuation-<family>` rows"
                    + " (learning-rate schedules, see `continuation-inception.md`) are measured against the random init of"
                    + " `convnets-<family>` (same seed and group, run beside them in another process: compare their"
                    + " epoch and CPU ratios rather than wall).",
                context.machine(),
                context.command())
            .startedAt(started);
    Markdown t =
        Markdown.table(
            "experiment",
            "model",
            "student",
            ">seeds reached",
            ">baseline final accuracy",
            ">baseline time s",
            ">ratio (wall)",
            ">ratio (CPU)",
            ">ratio (epochs)");
    List<String> labels = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> sds = new ArrayList<>();
    List<String> keys =
        ratios.stream()
            .map(r -> r.experiment() + "|" + r.group() + "|" + r.arm())
            .distinct()
            .toList();
    for (String key : keys) {
      List<Ratio> rs =
          ratios.stream()
              .filter(r -> (r.experiment() + "|" + r.group() + "|" + r.arm()).equals(key))
              .toList();
      List<Ratio> reached = rs.stream().filter(Ratio::reached).toList();
      Curves.Stat wall = Curves.Stat.of(reached.stream().mapToDouble(Ratio::wall).toArray());
      Curves.Stat cpu = Curves.Stat.of(reached.stream().mapToDouble(Ratio::cpu).toArray());
      Curves.Stat epochs = Curves.Stat.of(reached.stream().mapToDouble(Ratio::epochs).toArray());
      Curves.Stat acc = Curves.Stat.of(rs.stream().mapToDouble(Ratio::baselineAccuracy).toArray());
      Curves.Stat bt = Curves.Stat.of(rs.stream().mapToDouble(Ratio::baselineWall).toArray());
      Ratio r0 = rs.get(0);
      t.row(
          r0.experiment(),
          r0.group(),
          r0.arm(),
          reached.size() + " of " + rs.size(),
          acc.pm(4),
          bt.pm(1),
          wall.pm(3),
          cpu.pm(3),
          epochs.pm(3));
      labels.add(r0.experiment() + " " + r0.group() + "\n" + r0.arm());
      means.add(reached.isEmpty() ? 0 : wall.mean());
      sds.add(reached.isEmpty() ? 0 : wall.std());
    }
    report.section("Ratios (mean ± sd over the seeds that reached the target)").table(t);
    Markdown perSeed =
        Markdown.table(
            "experiment",
            "model",
            "student",
            ">seed",
            ">target accuracy",
            ">ratio (wall)",
            ">ratio (CPU)",
            ">ratio (epochs)");
    for (Ratio r : ratios) {
      perSeed.row(
          r.experiment(),
          r.group(),
          r.arm(),
          r.seed(),
          Markdown.f("%.4f", r.baselineAccuracy()),
          r.reached() ? Markdown.f("%.3f", r.wall()) : "not reached",
          r.reached() ? Markdown.f("%.3f", r.cpu()) : "",
          r.reached() ? Markdown.f("%.3f", r.epochs()) : "");
    }
    report.section("Per seed").table(perSeed);
    Path png = report.file("ratios.png");
    double[][] v = new double[1][means.size()];
    double[][] e = new double[1][means.size()];
    for (int i = 0; i < means.size(); i++) {
      v[0][i] = means.get(i);
      e[0][i] = sds.get(i);
    }
    Charts.bars(
        png,
        "Time to the random-init baseline's final accuracy / baseline time (wall)",
        "student",
        "ratio (lower is faster; 0 = not reached)",
        labels.stream().map(l -> l.replace('\n', ' ')).toList(),
        List.of("wall-clock ratio, mean ± sd over seeds"),
        v,
        e,
        false);
    report.figure(png, "headline ratios");
    report.write();
  }

  /**
   * Whether two runs trained on the same amount of data per epoch (within 2%, for batches that
   * round differently): a baseline from a run on another training set is not a baseline.
   */
  static boolean sameTrainingSet(Curve a, Curve b) {
    long x = a.examplesPerEpoch();
    long y = b.examplesPerEpoch();
    return x == 0 || y == 0 || Math.abs(x - y) <= 0.02 * Math.max(x, y);
  }
}
