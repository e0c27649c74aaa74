package dev.net2net.spark;

import dev.net2net.bench.report.Machine;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.training.Examples;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.InProcessEngine;
import dev.net2net.training.engine.TrainingEngine;
import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/**
 * Samples per second of one candidate's training with the in-process loop, and on Spark with one
 * and two executors of a local cluster (and two threads of Spark in this JVM), side by side in one
 * run: the daemon's default seed MLP (784-64-10, Adam 1e-3) on Fashion-MNIST rows, batch 64, the
 * same rows and seed for every engine. Writes {@code spark.md} to the results folder. Run by {@code
 * scripts/spark-bench}.
 *
 * <p>Arguments: {@code [--out DIR] [--rows N] [--epochs N] [--averaging N] [--passes N]}.
 */
public final class SparkBench {
  private SparkBench() {}

  /**
   * @param cpuPerThousand CPU seconds of the driver and its executors per 1,000 training samples
   *     from the end of the first epoch to the end of the last (the per-epoch evaluation, the same
   *     work for every engine, included)
   */
  private record Row(
      String engine,
      String workers,
      List<Double> samplesPerSecond,
      double accuracy,
      double took,
      double cpuPerThousand) {}

  public static void main(String[] args) {
    Path out = Path.of("docs/results");
    int rows = 6000;
    int epochs = 3;
    int averaging = 5;
    int passes = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[i + 1]);
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
        case "--averaging" -> averaging = Integer.parseInt(args[i + 1]);
        case "--passes" -> passes = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Instant started = Instant.now();
    Map<String, String> machine = Machine.describe();
    String command =
        System.getProperty(
            "bench.command", "java dev.net2net.spark.SparkBench " + String.join(" ", args));
    LabeledImages train = FashionMnist.locate().load(FashionMnist.Split.TRAIN).slice(0, rows);
    LabeledImages validation = FashionMnist.locate().load(FashionMnist.Split.TEST).slice(0, 2000);
    TrainingLoop.Settings settings =
        new TrainingLoop.Settings(epochs, 64, java.util.OptionalInt.empty(), 0, 42);

    List<Row> results = new ArrayList<>();
    // Every engine once per pass, in the same order: on a shared machine the load drifts, and a
    // second pass shows by how much.
    for (int pass = 1; pass <= passes; pass++) {
      String tag = passes == 1 ? "" : " (pass " + pass + ")";
      results.add(
          run(
              "in-process loop" + tag,
              "1 JVM",
              InProcessEngine.instance(),
              train,
              validation,
              settings));
      for (String master :
          List.of("local[2]", "local-cluster[1,1,1024]", "local-cluster[2,1,1024]")) {
        SparkEngine engine = new SparkEngine(new SparkSettings(master, averaging));
        try {
          String workers =
              master.startsWith("local[")
                  ? "2 threads in this JVM"
                  : master.charAt("local-cluster[".length()) + " executor JVM(s) of 1 core";
          results.add(run("spark " + master + tag, workers, engine, train, validation, settings));
        } finally {
          SparkEngine.stopContext();
        }
      }
    }

    Markdown table =
        Markdown.table(
            "engine",
            "workers",
            "samples/s per epoch",
            "samples/s after the first epoch",
            "vs the in-process loop of the same pass",
            "CPU s per 1,000 samples after the first epoch",
            "validation accuracy",
            "wall time (s)");
    double base = 0;
    for (Row r : results) {
      if (r.engine().startsWith("in-process")) {
        base = steady(r);
      }
      table.row(
          r.engine(),
          r.workers(),
          String.join(
              ", ",
              r.samplesPerSecond().stream()
                  .map(v -> String.format(Locale.ROOT, "%,.0f", v))
                  .toList()),
          String.format(Locale.ROOT, "%,.0f", steady(r)),
          String.format(Locale.ROOT, "%.2fx", steady(r) / base),
          String.format(Locale.ROOT, "%.2f", r.cpuPerThousand()),
          String.format(Locale.ROOT, "%.4f", r.accuracy()),
          String.format(Locale.ROOT, "%.1f", r.took()));
    }
    Report report =
        new Report(
                out,
                "spark",
                "One candidate's training on Spark: samples per second",
                String.format(
                    Locale.ROOT,
                    "The daemon's default seed MLP (784-64-10, ReLU, Adam 1e-3) trained for %d epochs"
                        + " on the first %,d Fashion-MNIST training images (batch 64, seed 42),"
                        + " validated on the first 2,000 test images after every epoch, by the"
                        + " in-process training loop and by the spark engine (DeepLearning4J's"
                        + " parameter averaging, dl4j-spark 1.0.0-M2 on Spark 3.5.7, averaging"
                        + " every %d mini-batches per worker). Samples per second are training"
                        + " rows over the epoch's wall time (the loop's own measure, as in the"
                        + " daemon's metrics), evaluation excluded; the first epoch includes"
                        + " Spark's and the executors' start-up.",
                    epochs,
                    rows,
                    averaging),
                machine,
                command)
            .startedAt(started);
    report
        .section("Results")
        .table(table)
        .text(
            "Samples/s is wall time, so on a shared machine it measures the neighbours too: an"
                + " engine with more threads and processes takes a larger share of a loaded"
                + " machine's cores. CPU seconds per 1,000 samples (user plus system time of this"
                + " JVM and the executor JVMs it started, from /proc, between the end of the first"
                + " epoch and the end of the last, the per-epoch evaluation on the driver"
                + " included) is the work each engine does for the same training, whatever the"
                + " load.")
        .text("Load average at the end: " + Machine.loadAverage() + ".");
    Path written = report.write();
    System.out.println("wrote " + written);
  }

  private static double steady(Row r) {
    List<Double> s = r.samplesPerSecond();
    return s.size() == 1
        ? s.get(0)
        : s.subList(1, s.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static Row run(
      String name,
      String workers,
      TrainingEngine engine,
      LabeledImages train,
      LabeledImages validation,
      TrainingLoop.Settings settings) {
    Model model = SeedModels.build(new Seed.Mlp(List.of(64), "relu", 1e-3), 42);
    long started = System.nanoTime();
    double[] cpuAfterFirst = {Double.NaN};
    TrainingLoop.Result result =
        TrainingLoop.train(
            engine,
            model,
            Examples.forModel(model, train),
            Examples.forModel(model, validation),
            settings,
            e -> {
              if (e.epoch() == 1) {
                cpuAfterFirst[0] = ProcessCpu.seconds();
              }
              System.out.printf(
                  Locale.ROOT,
                  "%s: epoch %d %.0f samples/s, accuracy %.4f%n",
                  name,
                  e.epoch(),
                  e.samplesPerSecond(),
                  e.validation().accuracy());
            },
            () -> false);
    double cpu = ProcessCpu.seconds() - cpuAfterFirst[0];
    long laterSamples = train.size() * (long) (result.epochs().size() - 1);
    return new Row(
        name,
        workers,
        result.epochs().stream().map(TrainingLoop.EpochReport::samplesPerSecond).toList(),
        result.epochs().get(result.epochs().size() - 1).validation().accuracy(),
        (System.nanoTime() - started) / 1e9,
        laterSamples == 0 ? Double.NaN : cpu / laterSamples * 1000);
  }
}
