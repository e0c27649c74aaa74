package dev.net2net.bench.experiments;

import dev.net2net.bench.Data;
import dev.net2net.bench.Experiment;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.Examples;
import dev.net2net.training.TrainingLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;
import org.deeplearning4j.nn.api.Model;

/**
 * Where an epoch's CPU time goes: async-profiler samples every thread of the process (Java and
 * native frames: OpenBLAS, libnd4j, oneDNN, the JVM's GC) while {@link TrainingLoop} trains, at the
 * daemon's defaults before issue 14 and after; each sample's stack is put in one {@link Share} by
 * the first rule that matches it, and a flame graph of each profile is kept beside the page.
 */
public final class EpochProfile implements Experiment {

  /**
   * Where a sample's time went. GC and JIT by the thread (the stack's root), evaluation and batch
   * gathering by a Java frame anywhere in the stack (the time they cause, on their thread), the
   * rest by the frame the sample was taken in (the leaf): libnd4j, OpenBLAS and libgomp are
   * stripped, so a leaf in them is often just the library's path.
   */
  enum Share {
    GC("garbage collection (the JVM's GC threads)", "^\\[(G1|GC|VM Thread)"),
    JIT("JIT compilation", "^\\[(C1|C2) Compiler"),
    EVALUATION("evaluation (`Evaluations.evaluate`, its Java thread)", "Evaluations\\.evaluate"),
    GATHERING(
        "batch gathering (`Examples` passes, `getRows`, `CacheBatches`)",
        "Examples\\$Pass|Examples\\.shuffled|CacheBatches|\\.getRows"),
    ONEDNN("oneDNN kernels (convolution, pooling, batch norm, its own gemm)", "dnnl|jit_"),
    GEMM("matrix multiplication (OpenBLAS kernels and packing)", "(?i)gemm|openblas"),
    WAITING(
        "OpenMP runtime and the kernel's scheduler: threads spinning and yielding at barriers",
        "libgomp|gomp_|GOMP_|sched_yield|futex|blas_thread_server|_\\[k\\]$"),
    NATIVE_OPS(
        "other libnd4j ops (activations, bias, softmax, updater, im2col, copies)",
        "(?i)libnd4j|sd::|simdOps|functions::|nd4j::|samediff"),
    DL4J(
        "Java: DL4J's and ND4J's per-layer code, JNI calls",
        "^(org/|java/|jdk/|sun/|dev/|com/)|\\.java|Interpreter|^\\[unknown_Java\\]"),
    OTHER("other (the JVM, libc, unidentified)", "");

    final String label;
    final Pattern pattern;

    Share(String label, String regex) {
      this.label = label;
      this.pattern = Pattern.compile(regex);
    }

    static Share of(String stack) {
      String leaf = stack.substring(stack.lastIndexOf(';') + 1);
      for (Share s : values()) {
        String where = s.ordinal() <= GATHERING.ordinal() ? stack : leaf;
        if (s == OTHER || s.pattern.matcher(where).find()) {
          return s;
        }
      }
      return OTHER;
    }
  }

  /** One profiled training run. */
  record Target(String model, String arm, ComputeSettings compute, int batch) {}

  /**
   * A profile's samples per share, its most sampled leaf frames (where the CPU was), and the
   * training it covered.
   */
  record Profile(
      Target target,
      Map<Share, Long> samples,
      Map<String, Long> topLeaves,
      long total,
      double seconds) {}

  static final int TOP_LEAVES = 12;

  @Override
  public String name() {
    return "profile";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    int train = o.integer("train", 4096, 256);
    int convTrain = o.integer("inception-train", 384, 64);
    int validation = o.integer("validation", 2000, 256);
    int epochs = o.integer("epochs", 2, 1);
    List<String> models = List.of(o.string("models", "mlp1024,inception").split(","));
    int stockThreads = Math.max(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
    return () ->
        run(context, train, convTrain, validation, epochs, models, stockThreads, Instant.now());
  }

  static void run(
      Context context,
      int train,
      int convTrain,
      int validationSize,
      int epochs,
      List<String> models,
      int stockThreads,
      Instant started) {
    LabeledImages images = Data.train(train);
    LabeledImages validation = Data.validation(validationSize);
    AsyncProfiler profiler = AsyncProfiler.getInstance();
    List<Profile> profiles = new ArrayList<>();
    Path dir = context.out();
    for (String model : models) {
      for (Target target :
          List.of(
              new Target(model, "before", new ComputeSettings(stockThreads, false), 64),
              new Target(
                  model, "after", ComputeSettings.forMachine(), TrainingLoop.DEFAULT_BATCH_SIZE))) {
        target.compute().apply();
        LabeledImages rows = model.equals("inception") ? images.first(convTrain) : images;
        // One epoch unprofiled first: JIT, workspaces and oneDNN's kernels are made then.
        train(target, rows, validation, 1);
        Experiment.log("profile: " + model + " " + target.arm() + " (" + target.compute() + ")");
        String event = start(profiler);
        long t = System.nanoTime();
        train(target, rows, validation, epochs);
        double seconds = (System.nanoTime() - t) / 1e9;
        execute(profiler, "stop");
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        String base = "profile-" + model + "-" + target.arm();
        execute(profiler, "flamegraph,title=" + base + ",file=" + dir.resolve(base + ".html"));
        profiles.add(summarise(target, collapsed, seconds));
        Experiment.log("profile: " + event + " samples: " + profiles.get(profiles.size() - 1));
      }
    }
    write(context, profiles, train, convTrain, validationSize, epochs, started);
  }

  private static void train(Target target, LabeledImages rows, LabeledImages validation, int n) {
    Model model = Throughput.model(target.model());
    TrainingLoop.train(
        model,
        Examples.forModel(model, rows),
        Examples.forModel(model, validation),
        new TrainingLoop.Settings(n, target.batch(), OptionalInt.empty(), 0, 1),
        TrainingLoop.Listener.none(),
        () -> false);
  }

  /** Hardware CPU samples where the kernel allows them, the interval timer otherwise. */
  private static String start(AsyncProfiler profiler) {
    try {
      profiler.execute("start,event=cpu,interval=1ms,threads");
      return "cpu";
    } catch (IOException | IllegalStateException e) {
      execute(profiler, "start,event=itimer,interval=1ms,threads");
      return "itimer";
    }
  }

  private static void execute(AsyncProfiler profiler, String command) {
    try {
      profiler.execute(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Profile summarise(Target target, String collapsed, double seconds) {
    Map<Share, Long> samples = new LinkedHashMap<>();
    for (Share s : Share.values()) {
      samples.put(s, 0L);
    }
    Map<String, Long> leaves = new java.util.HashMap<>();
    long total = 0;
    for (String line : collapsed.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      String stack = line.substring(0, space);
      samples.merge(Share.of(stack), n, Long::sum);
      String leaf = stack.substring(stack.lastIndexOf(';') + 1);
      leaves.merge(leaf.length() > 90 ? leaf.substring(0, 90) + "..." : leaf, n, Long::sum);
      total += n;
    }
    Map<String, Long> top = new LinkedHashMap<>();
    leaves.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP_LEAVES)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return new Profile(target, samples, top, total, seconds);
  }

  private static void write(
      Context context,
      List<Profile> profiles,
      int train,
      int convTrain,
      int validation,
      int epochs,
      Instant started) {
    Report report =
        new Report(
                context.out(),
                "profile",
                "Where a training epoch's time goes",
                "CPU samples of the whole process (every thread, Java and native frames) taken by async-profiler"
                    + " (cpu event, 1 ms) while the daemon's `TrainingLoop` trains, at the daemon's defaults before"
                    + " issue 14 (batch 64, ND4J's threads, no oneDNN helpers) and after (batch "
                    + TrainingLoop.DEFAULT_BATCH_SIZE
                    + ", one thread per physical core, oneDNN helpers on). Each sample's stack goes to the first"
                    + " share below whose rule matches it (`EpochProfile.Share`): GC and JIT by thread, evaluation and"
                    + " batch gathering by their Java frames (matrix products run inside an evaluation on the"
                    + " calling thread count as evaluation; those on OpenMP worker threads, which have no Java"
                    + " frames, do not), the rest by the frame the sample was taken in: oneDNN's kernels, OpenBLAS's, threads waiting,"
                    + " other libnd4j ops, and the Java code of DL4J and ND4J. Samples count CPU time, not wall"
                    + " time: a thread waiting in a barrier spins and is counted.",
                context.machine(),
                context.command())
            .startedAt(started);
    report
        .section("Setup")
        .text(
            "Training data: "
                + Data.describe(train, validation)
                + " (the mini-Inception trains on the first "
                + convTrain
                + "). Each profile covers one `TrainingLoop.train` call of "
                + epochs
                + " epoch(s) on a fresh model after one unprofiled warm-up epoch: the evaluation before training and"
                + " one after each epoch are in it, as in the daemon (its default validation set is 2000 images).");
    List<String> columns = new ArrayList<>();
    for (Profile p : profiles) {
      columns.add(
          p.target().model()
              + " "
              + p.target().arm()
              + Markdown.f(" (%.1f s, %d samples)", p.seconds(), p.total()));
    }
    Markdown table = Markdown.table(headers(columns));
    for (Share s : Share.values()) {
      List<Object> row = new ArrayList<>();
      row.add(s.label);
      for (Profile p : profiles) {
        row.add(Markdown.f("%.1f%%", 100.0 * p.samples().get(s) / Math.max(1, p.total())));
      }
      table.row(row.toArray());
    }
    report.section("Shares of CPU samples").table(table);
    List<String> shares = new ArrayList<>();
    for (Share s : Share.values()) {
      shares.add(s.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    double[][] values = new double[profiles.size()][Share.values().length];
    List<String> series = new ArrayList<>();
    for (int p = 0; p < profiles.size(); p++) {
      Profile profile = profiles.get(p);
      series.add(profile.target().model() + " " + profile.target().arm());
      for (Share s : Share.values()) {
        values[p][s.ordinal()] = 100.0 * profile.samples().get(s) / Math.max(1, profile.total());
      }
    }
    Path png = report.file("shares.png");
    dev.net2net.bench.report.Charts.bars(
        png,
        "Share of CPU samples during training",
        "share",
        "% of samples",
        shares,
        series,
        values,
        null,
        false);
    report.figure(png, "shares of CPU samples");
    report
        .section("Where the CPU was: the most sampled leaf frames")
        .text(
            "The frame each sample was taken in (the top of its stack), the "
                + TOP_LEAVES
                + " most frequent per profile, as a share of that profile's samples.");
    for (Profile p : profiles) {
      Markdown leaves = Markdown.table("frame", ">% of samples");
      p.topLeaves()
          .forEach(
              (frame, n) ->
                  leaves.row(
                      "`" + frame.replace("|", "\\|") + "`",
                      Markdown.f("%.1f%%", 100.0 * n / Math.max(1, p.total()))));
      report.text("**" + p.target().model() + " " + p.target().arm() + "**").table(leaves);
    }
    StringBuilder files = new StringBuilder("Flame graphs (async-profiler HTML): ");
    for (Profile p : profiles) {
      String base = "profile-" + p.target().model() + "-" + p.target().arm() + ".html";
      files.append('[').append(base).append("](").append(base).append(") ");
    }
    report.text(files.toString().trim());
    report.write();
    try {
      Files.writeString(
          context.out().resolve("profile-shares.csv"),
          csv(profiles),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] headers(List<String> columns) {
    String[] h = new String[columns.size() + 1];
    h[0] = "share";
    for (int i = 0; i < columns.size(); i++) {
      h[i + 1] = ">" + columns.get(i);
    }
    return h;
  }

  private static String csv(List<Profile> profiles) {
    StringBuilder sb = new StringBuilder("model,arm,share,samples,total,seconds\n");
    for (Profile p : profiles) {
      for (Map.Entry<Share, Long> e : p.samples().entrySet()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%s,%d,%d,%.2f%n",
                p.target().model(),
                p.target().arm(),
                e.getKey().name(),
                e.getValue(),
                p.total(),
                p.seconds()));
      }
    }
    return sb.toString();
  }
}
