package dev.net2net.bench.experiments;

import dev.net2net.bench.Data;
import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Machine;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Flops;
import dev.net2net.bench.train.Sgemm;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.Examples;
import dev.net2net.training.TrainingLoop;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.deeplearning4j.nn.api.Model;

/**
 * Experiment 7: samples per second and achieved GFLOP/s of the daemon's training loop on the MLPs
 * (784-256-256-10 and the compute-bound 784-1024-1024-10) and the mini-Inception, next to the
 * machine's sgemm rate measured at the start and the end of the same run. The daemon's defaults
 * before issue 14 (batch 64, ND4J's threads, no oneDNN helpers) and after (the {@link
 * TrainingLoop#DEFAULT_BATCH_SIZE}, {@link ComputeSettings#forMachine()}) run in the same process,
 * interleaved: every repetition trains every arm once, in a rotated order, on a fresh model.
 *
 * <p>Over 400 lines because, like every experiment here, it writes its own page (setup, tables,
 * figure) beside the measurement; the two halves share only the records it declares.
 */
public final class Throughput implements Experiment {

  /** One configuration measured: its settings and the batch size. */
  record Arm(String name, ComputeSettings compute, int batch) {}

  /** An arm's median over the repetitions, with every repetition kept. */
  record Measurement(
      String model,
      Arm arm,
      double samplesPerSecond,
      double[] repetitions,
      double accuracy,
      double flopsPerExample) {
    double gflops() {
      return samplesPerSecond * flopsPerExample / 1e9;
    }
  }

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    int train = o.integer("train", 512, 128);
    // The mini-Inception trains at tens of samples per second here: fewer rows keep the run short.
    int convTrain = o.integer("inception-train", 256, 128);
    int convEpochs = o.integer("inception-epochs", 2, 2);
    int[] convBatches = o.ints("inception-batches", new int[] {128, 256}, new int[] {128});
    int epochs = o.integer("epochs", 3, 2);
    int[] batches = o.ints("batches", new int[] {64, 128, 256}, new int[] {128});
    int side = o.integer("sgemm-size", 2048, 256);
    List<String> models = List.of(o.string("models", "mlp1024,mlp,inception").split(","));
    int repeats = o.integer("repeats", 3, 1);
    // What ND4J chose by itself, read before anything sets it: the "before" arm's threads.
    int stockThreads = Math.max(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
    return () ->
        run(
            context,
            train,
            convTrain,
            epochs,
            convEpochs,
            batches,
            convBatches,
            side,
            models,
            repeats,
            stockThreads,
            Instant.now());
  }

  static List<Arm> arms(int stockThreads, int[] batches) {
    List<Arm> arms = new ArrayList<>();
    arms.add(new Arm("before", new ComputeSettings(stockThreads, false), 64));
    ComputeSettings machine = ComputeSettings.forMachine();
    for (int batch : batches) {
      String name = batch == TrainingLoop.DEFAULT_BATCH_SIZE ? "after (default)" : "after";
      arms.add(new Arm(name, machine, batch));
    }
    if (machine.threads() > 1) {
      arms.add(
          new Arm(
              "after, 1 thread", new ComputeSettings(1, true), TrainingLoop.DEFAULT_BATCH_SIZE));
    }
    return arms;
  }

  static void run(
      Context context,
      int trainSize,
      int convTrainSize,
      int epochs,
      int convEpochs,
      int[] batches,
      int[] convBatches,
      int side,
      List<String> models,
      int repeats,
      int stockThreads,
      Instant started) {
    String loadStart = Machine.loadAverage();
    ComputeSettings.forMachine().apply();
    Experiment.log("throughput: sgemm " + side + "x" + side);
    double sgemmBefore = Sgemm.gflops(side, 5);
    LabeledImages images = Data.train(trainSize);
    LabeledImages validation = Data.validation(256);
    List<Measurement> results = new ArrayList<>();
    for (String modelName : models) {
      List<Arm> arms = arms(stockThreads, modelName.equals("inception") ? convBatches : batches);
      double[][] samples = new double[arms.size()][repeats];
      double[][] accuracy = new double[arms.size()][repeats];
      double flops = 0;
      for (int r = 0; r < repeats; r++) {
        for (int k = 0; k < arms.size(); k++) {
          // Rotated, so no arm always follows the same one (a neighbour's warm caches or debris).
          int a = (k + r) % arms.size();
          Arm arm = arms.get(a);
          arm.compute().apply();
          Model model = model(modelName);
          Examples train =
              Examples.forModel(
                  model, modelName.equals("inception") ? images.first(convTrainSize) : images);
          Examples val = Examples.forModel(model, validation);
          TrainingLoop.Result result =
              TrainingLoop.train(
                  model,
                  train,
                  val,
                  new TrainingLoop.Settings(
                      modelName.equals("inception") ? convEpochs : epochs,
                      arm.batch(),
                      OptionalInt.empty(),
                      0,
                      1),
                  TrainingLoop.Listener.none(),
                  () -> false);
          double[] rates =
              result.epochs().stream()
                  .mapToDouble(TrainingLoop.EpochReport::samplesPerSecond)
                  .toArray();
          // The first epoch warms up (JIT, workspaces, oneDNN's kernels); the median of the others.
          samples[a][r] =
              median(rates.length > 1 ? Arrays.copyOfRange(rates, 1, rates.length) : rates);
          accuracy[a][r] = result.epochs().get(result.epochs().size() - 1).validation().accuracy();
          flops = Flops.trainingPerExample(model);
          Experiment.log(
              String.format(
                  Locale.ROOT,
                  "throughput: %s %s batch %d (%s), repetition %d: %.0f samples/s",
                  modelName,
                  arm.name(),
                  arm.batch(),
                  arm.compute(),
                  r + 1,
                  samples[a][r]));
        }
      }
      for (int a = 0; a < arms.size(); a++) {
        results.add(
            new Measurement(
                modelName,
                arms.get(a),
                median(samples[a]),
                samples[a],
                median(accuracy[a]),
                flops));
      }
    }
    ComputeSettings.forMachine().apply();
    double sgemmAfter = Sgemm.gflops(side, 5);
    write(
        context,
        results,
        sgemmBefore,
        sgemmAfter,
        trainSize,
        convTrainSize,
        epochs,
        convEpochs,
        side,
        started,
        repeats,
        loadStart,
        Machine.loadAverage());
  }

  static Model model(String name) {
    return switch (name) {
      case "mlp" -> Models.mlp(Models.MLP_WIDTH, 1);
      case "mlp1024" -> Models.mlp(1024, 1);
      case "inception" -> Models.inception(1.0, 1);
      default ->
          throw new IllegalArgumentException(
              "unknown model '" + name + "'; throughput knows mlp, mlp1024 and inception");
    };
  }

  static String describe(String model) {
    return switch (model) {
      case "mlp" -> "MLP 784-256-256-10";
      case "mlp1024" -> "MLP 784-1024-1024-10";
      default -> "mini-Inception";
    };
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void write(
      Context context,
      List<Measurement> results,
      double sgemmStart,
      double sgemmEnd,
      int trainSize,
      int convTrainSize,
      int epochs,
      int convEpochs,
      int side,
      Instant started,
      int repeats,
      String loadStart,
      String loadEnd) {
    double sgemm = Math.max(sgemmStart, sgemmEnd);
    Report report =
        new Report(
                context.out(),
                "throughput",
                "Training throughput against the sgemm floor",
                "Samples per second and achieved GFLOP/s of the daemon's training loop (`TrainingLoop`) at the daemon's"
                    + " defaults before issue 14 and after, on the compute-bound MLP 784-1024-1024-10, the daemon's standard"
                    + " MLP 784-256-256-10 and the mini-Inception, next to the machine's single-precision matrix-multiply"
                    + " rate measured in the same run (ND4J `mmul` of two "
                    + side
                    + "x"
                    + side
                    + " float matrices, best of 5, at the start and at the end). FLOPs per example are counted from the"
                    + " layer shapes: the multiply-adds of dense, output and convolution layers, times 3 for forward and"
                    + " backward; batch normalization, activations, pooling and the updater are not counted, so the"
                    + " achieved rate understates the work done.",
                context.machine(),
                context.command())
            .startedAt(started);
    report
        .section("Setup")
        .text(
            "Training data: "
                + Data.describe(trainSize, 256)
                + " (the mini-Inception: the first "
                + convTrainSize
                + " of them, "
                + convEpochs
                + " epochs: it trains at tens of samples per second on this machine). "
                + epochs
                + " epochs per measurement on a fresh model (seed 1); a measurement's rate is the median over the"
                + " epochs after the first (warm-up: JIT, workspaces, oneDNN's kernel generation), counting training"
                + " batches only (the loop's own samples/s; the evaluation after each epoch is not in it). Every"
                + " repetition trains every arm once, in an order rotated by one from repetition to repetition; "
                + repeats
                + " repetitions, the median shown. Load average "
                + loadStart
                + " at the start, "
                + loadEnd
                + " at the end: four other engineers' builds and tests shared the two cores, so absolute rates"
                + " move from minute to minute; the arms of a model ran minutes apart, interleaved, and their ratios"
                + " are the figures to read.");
    report.text(
        "*before*: the daemon's defaults as they were: batch 64, ND4J's own thread count (its OpenMP threads"
            + " and OpenBLAS's), DL4J's layer helpers off (DL4J M2.1's default; and its lookup of oneDNN fails"
            + " in any case, see `org.nd4j.nativeblas.Nd4jCpu`). The process runs the oneDNN build of libnd4j"
            + " in every arm (one binary per process): *before* does not call oneDNN, as the stock build cannot."
            + " *after*: `ComputeSettings.forMachine()` (one thread per physical core, oneDNN helpers on) at each"
            + " batch size; *after (default)* is the daemon's default batch size now ("
            + TrainingLoop.DEFAULT_BATCH_SIZE
            + "); *after, 1 thread* the same with one thread, because on this shared machine one thread has"
            + " often beaten two. Workspaces are on in every arm (DL4J's default for the seeds; `TrainingLoop` now"
            + " also turns them on for imported models).");
    report
        .section("The floor")
        .text(
            String.format(
                Locale.ROOT,
                "sgemm %dx%d: %.1f GFLOP/s at the start of the run, %.1f GFLOP/s at the end; the larger, %.1f GFLOP/s,"
                    + " is the floor below.",
                side,
                side,
                sgemmStart,
                sgemmEnd,
                sgemm));
    Markdown ba =
        Markdown.table(
            "model",
            "",
            ">threads",
            ">batch",
            ">samples/s",
            ">GFLOP/s",
            ">% of sgemm",
            ">speed-up");
    for (String model : results.stream().map(Measurement::model).distinct().toList()) {
      Measurement before = find(results, model, "before");
      Measurement after = find(results, model, "after (default)");
      for (Measurement m : new Measurement[] {before, after}) {
        if (m != null) {
          ba.row(
              describe(model),
              m.arm().name(),
              m.arm().compute().threads(),
              m.arm().batch(),
              Markdown.f("%.0f", m.samplesPerSecond()),
              Markdown.f("%.2f", m.gflops()),
              Markdown.f("%.1f%%", 100 * m.gflops() / sgemm),
              before == null || m == before
                  ? ""
                  : Markdown.f("%.2fx", m.samplesPerSecond() / before.samplesPerSecond()));
        }
      }
    }
    report.section("Before and after, at the daemon's defaults").table(ba);
    Markdown all =
        Markdown.table(
            "model",
            ">FLOPs/example (train)",
            "arm",
            ">threads",
            "oneDNN",
            ">batch",
            ">samples/s (median)",
            "repetitions",
            ">GFLOP/s",
            ">% of sgemm",
            ">val. accuracy");
    for (Measurement m : results) {
      all.row(
          describe(m.model()),
          Markdown.f("%.2f M", m.flopsPerExample() / 1e6),
          m.arm().name(),
          m.arm().compute().threads(),
          m.arm().compute().helpers() ? "on" : "off",
          m.arm().batch(),
          Markdown.f("%.0f", m.samplesPerSecond()),
          String.join(
              " / ", Arrays.stream(m.repetitions()).mapToObj(v -> Markdown.f("%.0f", v)).toList()),
          Markdown.f("%.2f", m.gflops()),
          Markdown.f("%.1f%%", 100 * m.gflops() / sgemm),
          Markdown.f("%.3f", m.accuracy()));
    }
    report.section("All measurements").table(all);
    for (String model : results.stream().map(Measurement::model).distinct().toList()) {
      List<Measurement> rows = results.stream().filter(m -> m.model().equals(model)).toList();
      List<String> labels =
          rows.stream()
              .map(
                  m ->
                      m.arm().name()
                          + ", batch "
                          + m.arm().batch()
                          + ", "
                          + m.arm().compute().threads()
                          + "t")
              .toList();
      double[][] values = new double[1][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        values[0][i] = 100 * rows.get(i).gflops() / sgemm;
      }
      Path png = report.file(model + ".png");
      Charts.bars(
          png,
          describe(model)
              + ": achieved rate as % of sgemm ("
              + Markdown.f("%.0f", sgemm)
              + " GFLOP/s)",
          "arm",
          "% of sgemm",
          labels,
          List.of("% of sgemm"),
          values,
          null,
          false);
      report.figure(png, describe(model) + " throughput");
    }
    report.write();
  }

  private static Measurement find(List<Measurement> results, String model, String arm) {
    return results.stream()
        .filter(m -> m.model().equals(model) && m.arm().name().equals(arm))
        .findFirst()
        .orElse(null);
  }
}
