package dev.net2net.bench.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.net2net.bench.Data;
import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Machine;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.Examples;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deeplearning4j.nn.api.Model;

/**
 * net2net's training loop beside PyTorch: the same model (the MLP 784-1024-1024-10, and the
 * daemon's cnn seed, conv 16 and 32 with a dense 64), the same rows of Fashion-MNIST, batch size,
 * threads, epochs and optimiser (Adam 1e-3), in the same run, the two alternating. PyTorch runs
 * {@code bench/tools/peer.py} under Debian's {@code /usr/bin/python3} (python3-torch), which reads
 * the IDX files itself.
 *
 * <p>Over 400 lines because, like every experiment here, it writes its own page (setup, tables,
 * figure) beside the measurement; the two halves share only the records it declares.
 */
public final class Peer implements Experiment {

  /** One training run's epochs: training seconds, samples/s and validation accuracy after each. */
  record Run(String framework, double[] seconds, double[] samplesPerSecond, double[] accuracy) {
    /** The median rate over the epochs after the first (warm-up). */
    double rate() {
      double[] r =
          samplesPerSecond.length > 1
              ? Arrays.copyOfRange(samplesPerSecond, 1, samplesPerSecond.length)
              : samplesPerSecond;
      return Throughput.median(r);
    }

    /** Training seconds (evaluations excluded) until the validation accuracy first reaches it. */
    OptionalDouble timeTo(double target) {
      double t = 0;
      for (int i = 0; i < seconds.length; i++) {
        t += seconds[i];
        if (accuracy[i] >= target) {
          return OptionalDouble.of(t);
        }
      }
      return OptionalDouble.empty();
    }
  }

  /** One model's runs of both frameworks. */
  record Comparison(String model, double target, List<Run> dl4j, List<Run> torch) {}

  @Override
  public String name() {
    return "peer";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    int train = o.integer("train", 4096, 512);
    int convTrain = o.integer("cnn-train", 2048, 256);
    int validation = o.integer("validation", 1000, 256);
    int epochs = o.integer("epochs", 5, 2);
    int repeats = o.integer("repeats", 3, 1);
    int batch =
        o.integer("batch", TrainingLoop.DEFAULT_BATCH_SIZE, TrainingLoop.DEFAULT_BATCH_SIZE);
    int threads = o.integer("threads", ComputeSettings.forMachine().threads(), 1);
    double mlpTarget = o.number("mlp-target", 0.80, 0.5);
    double cnnTarget = o.number("cnn-target", 0.80, 0.5);
    String python = o.string("python", "/usr/bin/python3");
    // From the repository's root (bench/run) or from the bench module (its tests).
    Path script =
        Path.of(
            o.string(
                "script",
                Files.isRegularFile(Path.of("bench/tools/peer.py"))
                    ? "bench/tools/peer.py"
                    : "tools/peer.py"));
    List<String> models = List.of(o.string("models", "mlp,cnn").split(","));
    return () -> {
      if (!Files.isRegularFile(script)) {
        throw new IllegalArgumentException(
            script + " not found: run bench/run peer from the repository's root");
      }
      Instant started = Instant.now();
      String loadStart = Machine.loadAverage();
      new ComputeSettings(threads, true).apply();
      List<Comparison> comparisons = new ArrayList<>();
      // bench/run peer installs python3-torch; elsewhere (mvn verify's quick run) it may be
      // missing,
      // and then only the DL4J side runs and the page says so.
      boolean torchThere = torchInstalled(python);
      String torchInfo =
          torchThere
              ? "?"
              : "not installed (" + python + " cannot import torch): only the DL4J side ran";
      for (String model : models) {
        boolean conv = model.equals("cnn");
        int rows = conv ? convTrain : train;
        LabeledImages images = Data.train(rows);
        LabeledImages held = Data.validation(validation);
        List<Run> dl4j = new ArrayList<>();
        List<Run> torch = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
          // Alternating which goes first, so neither always runs on the warmer machine.
          for (int k = 0; k < 2; k++) {
            boolean java = (k + r) % 2 == 0;
            if (!java && !torchThere) {
              continue;
            }
            if (java) {
              dl4j.add(dl4j(conv, images, held, epochs, batch));
            } else {
              Python p =
                  python(python, script, conv, rows, validation, epochs, batch, threads, r + 1);
              torchInfo = p.info();
              torch.add(p.run());
            }
            Run last = java ? dl4j.get(dl4j.size() - 1) : torch.get(torch.size() - 1);
            Experiment.log(
                String.format(
                    Locale.ROOT,
                    "peer: %s %s repetition %d: %.0f samples/s, accuracy %s",
                    model,
                    last.framework(),
                    r + 1,
                    last.rate(),
                    Arrays.toString(last.accuracy())));
          }
        }
        comparisons.add(new Comparison(model, conv ? cnnTarget : mlpTarget, dl4j, torch));
      }
      write(
          context,
          comparisons,
          started,
          loadStart,
          Machine.loadAverage(),
          torchInfo,
          train,
          convTrain,
          validation,
          epochs,
          batch,
          threads,
          repeats);
    };
  }

  private static boolean torchInstalled(String python) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import torch")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Run dl4j(
      boolean conv, LabeledImages images, LabeledImages held, int epochs, int batch) {
    Model model =
        conv
            ? SeedModels.build(new Seed.Cnn(List.of(16, 32), 64, Models.LEARNING_RATE), 1)
            : Models.mlp(1024, 1);
    TrainingLoop.Result result =
        TrainingLoop.train(
            model,
            Examples.forModel(model, images),
            Examples.forModel(model, held),
            new TrainingLoop.Settings(epochs, batch, OptionalInt.empty(), 0, 1),
            TrainingLoop.Listener.none(),
            () -> false);
    List<TrainingLoop.EpochReport> e = result.epochs();
    return new Run(
        "DL4J (net2net)",
        e.stream().mapToDouble(r -> r.duration().toNanos() / 1e9).toArray(),
        e.stream().mapToDouble(TrainingLoop.EpochReport::samplesPerSecond).toArray(),
        e.stream().mapToDouble(r -> r.validation().accuracy()).toArray());
  }

  record Python(String info, Run run) {}

  private static Python python(
      String python,
      Path script,
      boolean conv,
      int train,
      int validation,
      int epochs,
      int batch,
      int threads,
      int seed) {
    List<String> command =
        List.of(
            python,
            script.toString(),
            "--data",
            FashionMnist.locate().directory().toString(),
            "--model",
            conv ? "cnn" : "mlp",
            "--train",
            Integer.toString(train),
            "--validation",
            Integer.toString(validation),
            "--batch",
            Integer.toString(batch),
            "--epochs",
            Integer.toString(epochs),
            "--threads",
            Integer.toString(threads),
            "--seed",
            Integer.toString(seed));
    ObjectMapper json = new ObjectMapper();
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      // The same thread count for PyTorch's OpenMP and its BLAS as set for ND4J and OpenBLAS.
      pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
      pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
      Process process = pb.start();
      String info = null;
      List<JsonNode> epochsSeen = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (info == null) {
            info = line;
          } else {
            epochsSeen.add(json.readTree(line));
          }
        }
      }
      int exit = process.waitFor();
      if (exit != 0 || epochsSeen.size() != epochs) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited with "
                + exit
                + " after "
                + epochsSeen.size()
                + " epochs");
      }
      return new Python(
          info,
          new Run(
              "PyTorch",
              epochsSeen.stream().mapToDouble(n -> n.get("seconds").asDouble()).toArray(),
              epochsSeen.stream().mapToDouble(n -> n.get("samplesPerSecond").asDouble()).toArray(),
              epochsSeen.stream().mapToDouble(n -> n.get("accuracy").asDouble()).toArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static double medianRate(List<Run> runs) {
    return Throughput.median(runs.stream().mapToDouble(Run::rate).toArray());
  }

  /** The median over the runs, a run that never reached the target counting as infinitely slow. */
  private static OptionalDouble medianTime(List<Run> runs, double target) {
    double[] t =
        runs.stream().mapToDouble(r -> r.timeTo(target).orElse(Double.POSITIVE_INFINITY)).toArray();
    double m = Throughput.median(t);
    return Double.isFinite(m) ? OptionalDouble.of(m) : OptionalDouble.empty();
  }

  private static String seconds(OptionalDouble t) {
    return t.isPresent() ? Markdown.f("%.1f", t.getAsDouble()) : "not reached";
  }

  private static void write(
      Context context,
      List<Comparison> comparisons,
      Instant started,
      String loadStart,
      String loadEnd,
      String torchInfo,
      int train,
      int convTrain,
      int validation,
      int epochs,
      int batch,
      int threads,
      int repeats) {
    Report report =
        new Report(
                context.out(),
                "peer",
                "net2net's training beside PyTorch",
                "The daemon's training loop (DL4J 1.0.0-M2.1 through `TrainingLoop`, at the daemon's defaults:"
                    + " `ComputeSettings` with oneDNN helpers) and PyTorch (Debian's python3-torch,"
                    + " `bench/tools/peer.py`) train the same models on the same rows, with the same batch size,"
                    + " threads, epochs and optimiser (Adam, learning rate 1e-3, cross-entropy, the same weight"
                    + " initialisation schemes), in the same run, alternating. Samples/s count training batches only"
                    + " (the median over the epochs after the first); the time to an accuracy is the training time"
                    + " (evaluations excluded, first epoch included) until the validation accuracy after an epoch"
                    + " first reaches it.",
                context.machine(),
                context.command())
            .startedAt(started);
    report
        .section("Setup")
        .text(
            "Data: "
                + Data.describe(train, validation)
                + " (the cnn: the first "
                + convTrain
                + " training images); pixels / 255 on both sides. Batch "
                + batch
                + ", "
                + threads
                + " thread(s) (ND4J's OpenMP and OpenBLAS threads; `torch.set_num_threads`, OMP_NUM_THREADS and"
                + " OPENBLAS_NUM_THREADS), "
                + epochs
                + " epochs, "
                + repeats
                + " runs per framework and model, medians shown. Models: the MLP 784-1024-1024-10 (ReLU, He"
                + " initialisation, Xavier for the output); the cnn seed: conv 3x3 (same padding) 16 and 32 filters,"
                + " each with batch normalization, ReLU and 2x2 max pooling, then dense 64 (ReLU) and a softmax"
                + " output. PyTorch: "
                + torchInfo
                + ". Load average "
                + loadStart
                + " at the start, "
                + loadEnd
                + " at the end (four other engineers shared the two cores).");
    Markdown t =
        Markdown.table(
            "model",
            "framework",
            ">samples/s (median)",
            "runs (samples/s)",
            ">accuracy after the last epoch",
            "target",
            ">time to target, s",
            ">net2net / PyTorch (rate)");
    List<String> labels = new ArrayList<>();
    double[][] values = new double[2][comparisons.size()];
    for (int c = 0; c < comparisons.size(); c++) {
      Comparison cmp = comparisons.get(c);
      double dl4j = medianRate(cmp.dl4j());
      double torch = cmp.torch().isEmpty() ? Double.NaN : medianRate(cmp.torch());
      labels.add(cmp.model().equals("cnn") ? "cnn seed" : "MLP 784-1024-1024-10");
      values[0][c] = dl4j;
      values[1][c] = Double.isNaN(torch) ? 0 : torch;
      for (List<Run> runs : List.of(cmp.dl4j(), cmp.torch())) {
        if (runs.isEmpty()) {
          continue;
        }
        double rate = medianRate(runs);
        t.row(
            labels.get(c),
            runs.get(0).framework(),
            Markdown.f("%.0f", rate),
            String.join(" / ", runs.stream().map(r -> Markdown.f("%.0f", r.rate())).toList()),
            Markdown.f(
                "%.3f",
                Throughput.median(
                    runs.stream()
                        .mapToDouble(r -> r.accuracy()[r.accuracy().length - 1])
                        .toArray())),
            Markdown.f("%.2f", cmp.target()),
            seconds(medianTime(runs, cmp.target())),
            runs == cmp.dl4j() && !cmp.torch().isEmpty() ? Markdown.f("%.2fx", dl4j / torch) : "");
      }
    }
    report.section("Results").table(t);
    Path png = report.file("rates.png");
    Charts.bars(
        png,
        "Training samples/s, " + threads + " thread(s), batch " + batch,
        "model",
        "samples/s",
        labels,
        List.of("DL4J (net2net)", "PyTorch"),
        values,
        null,
        false);
    report.figure(png, "samples per second");
    report.write();
  }
}
