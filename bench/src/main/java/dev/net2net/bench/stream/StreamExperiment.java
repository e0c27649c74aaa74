package dev.net2net.bench.stream;

import dev.net2net.bench.Data;
import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.training.seed.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

// Longer than 400 lines because the page is long: the setup, four tables, the figures and their
// notes are written here in the order they read; the work itself is in DaemonArm and Baselines.
/**
 * {@code bench/run stream}: Fashion-MNIST arriving in shards over simulated time, through the
 * daemon's own code path (arm a, {@link DaemonArm}), against retraining the grown architecture from
 * scratch and fine-tuning the seed at the same points (arms b and c, {@link Baselines}), for the
 * MLP and the mini-Inception, with the shipped policies {@code demo.yaml} and {@code
 * inception-towers.yaml} (and {@code deepen-on-plateau.yaml}, model {@code mlp-deepen}). Writes
 * {@code stream.md} (or {@code --page NAME}), {@code stream-curves.csv}, {@code stream-growths.csv}
 * and the figures. Each model and seed runs on a fresh registry database.
 */
public final class StreamExperiment implements Experiment {
  /**
   * The product's goal: the grown lineage reaches retraining's final accuracy in 30% of its time.
   */
  static final double GOAL = 0.3;

  @Override
  public String name() {
    return "stream";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    List<String> models = Arrays.asList(o.string("models", "mlp,inception").split(","));
    String page = o.string("page", "stream");
    long[] seeds = o.longs("seeds", new long[] {1, 2, 3}, new long[] {1});
    String database = o.string("database", FreshDatabase.DEFAULT_ADMIN_URL);
    Path policies = Path.of(o.string("policies", defaultPolicies().toString()));
    int mlpShards = o.integer("mlp-shards", 8, 3);
    int inceptionShards = o.integer("inception-shards", 4, 3);
    int inceptionSeedEpochs = o.integer("inception-seed-epochs", 10, 3);
    int mlpRows = o.integer("mlp-shard-rows", 600, 100);
    int inceptionRows = o.integer("inception-shard-rows", 200, 64);
    int mlpValidation = o.integer("mlp-validation", 1_000, 200);
    int inceptionValidation = o.integer("inception-validation", 300, 100);
    int mlpWidth = o.integer("mlp-width", Models.narrowMlpWidth(), 16);
    double inceptionWidth = o.number("inception-width", Models.TEACHER_WIDTH, 0.25);
    int inceptionModules = o.integer("inception-modules", 2, 1);
    int warmUpShards = o.integer("warm-up-shards", 2, 0);
    if (warmUpShards == 1 || warmUpShards < 0) {
      throw new IllegalArgumentException(
          "--warm-up-shards " + warmUpShards + ": 0 (no warm-up) or a stream of at least 2 shards");
    }
    List<StreamSettings> settings = new ArrayList<>();
    for (String m : models) {
      settings.add(
          switch (m) {
            case "mlp" ->
                new StreamSettings(
                    "mlp",
                    "fashion-mlp",
                    new Seed.Mlp(List.of(mlpWidth, mlpWidth), "relu", Models.LEARNING_RATE),
                    new DaemonConfig.SeedTraining(3, 64),
                    policies.resolve("demo.yaml"),
                    mlpShards,
                    mlpRows,
                    mlpValidation,
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(20),
                    3,
                    Duration.ofMinutes(1));
            case "mlp-deepen" ->
                // The same MLP under the shipped deepen-only policy: its triggers (a plateau of
                // five
                // evaluations held for 30 minutes, underfitting) and guards (a 2-hour cooldown, 4 a
                // day) are set for a slower stream, so a shard arrives every hour.
                new StreamSettings(
                    "mlp-deepen",
                    "fashion-mlp",
                    new Seed.Mlp(List.of(mlpWidth, mlpWidth), "relu", Models.LEARNING_RATE),
                    new DaemonConfig.SeedTraining(3, 64),
                    policies.resolve("deepen-on-plateau.yaml"),
                    mlpShards,
                    mlpRows,
                    mlpValidation,
                    Duration.ofHours(1),
                    Duration.ofMinutes(10),
                    7,
                    Duration.ofHours(2));
            case "inception" ->
                new StreamSettings(
                    "inception",
                    "fashion-inception",
                    new Seed.Inception(inceptionWidth, inceptionModules, Models.LEARNING_RATE),
                    new DaemonConfig.SeedTraining(inceptionSeedEpochs, 64),
                    policies.resolve("inception-towers.yaml"),
                    inceptionShards,
                    inceptionRows,
                    inceptionValidation,
                    Duration.ofHours(1),
                    // Two evaluations 6 minutes apart after each event: the policy's datasetGrowth
                    // rule
                    // must hold "for: 5m", so the second one fires it.
                    Duration.ofMinutes(6),
                    2,
                    Duration.ofHours(1));
            default ->
                throw new IllegalArgumentException(
                    "unknown model '" + m + "' in --models; known: mlp, mlp-deepen, inception");
          });
    }
    for (StreamSettings s : settings) {
      if (!Files.isRegularFile(s.policy())) {
        throw new IllegalArgumentException(
            "no policy file " + s.policy() + " (--policies names the shipped policies' folder)");
      }
      if (s.trainingRows() > DaemonArm.Shards.TRAINING_IMAGES) {
        throw new IllegalArgumentException(
            s.label() + ": " + s.trainingRows() + " images asked, Fashion-MNIST has 60,000");
      }
    }
    return () -> run(context, settings, seeds, database, page, warmUpShards);
  }

  private static Path defaultPolicies() {
    for (Path p : List.of(Path.of("policies/examples"), Path.of("../policies/examples"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return Path.of("policies/examples");
  }

  /** One model and seed: its three curves, the daemon's growths and its registry's versions. */
  record Result(
      StreamSettings settings,
      long seed,
      List<ArmCurve> curves,
      DaemonArm.Run daemon,
      String database) {
    ArmCurve arm(String name) {
      return curves.stream().filter(c -> c.arm().equals(name)).findFirst().orElseThrow();
    }

    /** Arm (a)'s time to arm (b)'s final accuracy over (b)'s time; NaN when never reached. */
    double ratio() {
      if (!grew()) {
        return Double.NaN;
      }
      ArmCurve retrain = arm(ArmCurve.RETRAIN);
      ArmCurve.Point reached = arm(ArmCurve.DAEMON).firstReaching(retrain.last().accuracy());
      return reached == null ? Double.NaN : reached.seconds() / retrain.totalSeconds();
    }

    /** Whether the daemon ran a growth job; without one the three arms are the seed alone. */
    boolean grew() {
      return !daemon.growths().isEmpty();
    }

    /** Mean served accuracy from the seed's end to the slowest arm's end. */
    double meanAccuracy(String arm) {
      double from = daemon.seeded().seconds();
      double to = curves.stream().mapToDouble(ArmCurve::totalSeconds).max().orElse(from);
      return arm(arm).meanAccuracy(from, to);
    }

    long promoted() {
      return daemon.growths().stream().filter(g -> g.outcome().equals("promoted")).count();
    }
  }

  /**
   * The seed of the discarded warm-up run: its shards lie elsewhere in the training file than the
   * first seeds' (they may overlap in a long stream; the run only compiles code, its results go).
   */
  static final long WARM_UP_SEED = 1_000;

  static void run(
      Context context,
      List<StreamSettings> settings,
      long[] seeds,
      String database,
      String page,
      int warmUpShards) {
    Instant started = Instant.now();
    List<Result> results = new ArrayList<>();
    Path work;
    try {
      work = Files.createTempDirectory("net2net-stream");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      // Model by model, so that the page has every seed of the first model early in a long run.
      for (StreamSettings s : settings) {
        if (warmUpShards > 0) {
          // Arm (a) runs first in every seed: without a warm-up it alone would pay for the JIT
          // compiling the training, transform and registry paths (seed 1's jobs took up to 2x
          // those of seeds 2 and 3 in the first runs), a bias against the lineage.
          Experiment.log(s.label() + ": warm-up on " + warmUpShards + " shards, discarded");
          runOne(
              s.withShards(warmUpShards),
              WARM_UP_SEED,
              work.resolve(s.label() + "-warm-up"),
              database);
        }
        for (long seed : seeds) {
          results.add(runOne(s, seed, work.resolve(s.label() + "-" + seed), database));
          // The page so far, after every run: a long run that is stopped still leaves its results.
          write(context, page, settings, seeds, warmUpShards, results, started);
        }
      }
    } finally {
      deleteQuietly(work);
    }
  }

  static Result runOne(StreamSettings s, long seed, Path home, String database) {
    Experiment.log(s.label() + " seed " + seed + ": the daemon on the stream");
    LabeledImages validation = Data.validation(s.validation());
    try (FreshDatabase db = FreshDatabase.create(database, s.label() + "_" + seed, home);
        Registry registry = Registry.open(RegistryConfig.of(db.url(), home.resolve("artifacts")))) {
      DaemonArm.Run daemon = new DaemonArm(s, seed, home, registry, validation).run();
      if (daemon.seeded() == null) {
        throw new IllegalStateException(
            s.label() + " seed " + seed + ": the daemon never trained its seed");
      }
      Experiment.log(s.label() + " seed " + seed + ": retraining from scratch at its growths");
      ArmCurve retrain = Baselines.retrain(s, seed, daemon, registry, validation);
      Experiment.log(s.label() + " seed " + seed + ": fine-tuning the seed at its growths");
      ArmCurve fineTune = Baselines.fineTune(s, seed, daemon, registry, validation);
      return new Result(s, seed, List.of(daemon.curve(), retrain, fineTune), daemon, db.describe());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the page

  private static void write(
      Context context,
      String page,
      List<StreamSettings> settings,
      long[] seeds,
      int warmUpShards,
      List<Result> results,
      Instant started) {
    writeCurves(context.out().resolve(page + "-curves.csv"), results);
    writeGrowths(context.out().resolve(page + "-growths.csv"), results);
    Report report =
        new Report(
                context.out(),
                page,
                "The stream benchmark: a grown lineage against retraining and fine-tuning",
                "Fashion-MNIST arrives in shards over simulated time and goes through the daemon's own code"
                    + " path: its shard ingester, a PostgreSQL registry, its policy engine with a shipped policy,"
                    + " its growth pipeline. Three arms on the same stream: (a) the daemon growing its lineage;"
                    + " (b) at each of the daemon's growth jobs, the architecture of its champion after the job"
                    + " trained from scratch on all the data so far (what TFX-style pipelines do); (c) the seed's"
                    + " architecture trained further on all the data so far. Plotted: the validation accuracy of"
                    + " the model each arm serves against the arm's cumulative training time.",
                context.machine(),
                context.command())
            .startedAt(started);
    setup(report, settings, seeds, warmUpShards, results);
    List<StreamSettings> measured =
        settings.stream().filter(s -> !of(results, s).isEmpty()).toList();
    summary(report, measured, results);
    ratios(report, measured, results);
    growths(report, results);
    figures(report, measured, results);
    report.write();
  }

  private static void setup(
      Report report,
      List<StreamSettings> settings,
      long[] seeds,
      int warmUpShards,
      List<Result> results) {
    Markdown t =
        Markdown.table(
            "model",
            "seed architecture (daemon seed)",
            "policy",
            ">shards x images",
            "a shard every",
            "evaluations",
            ">after the last shard",
            ">validation images");
    for (StreamSettings s : settings) {
      t.row(
          s.label(),
          s.seed() + ", trained " + s.seedTraining().epochs() + " epochs",
          "`policies/examples/" + s.policy().getFileName() + "` (" + s.model() + ")",
          s.shards() + " x " + s.shardRows(),
          DaemonArm.format(s.shardEvery()),
          s.burst() + " every " + DaemonArm.format(s.evaluateEvery()) + " after each event",
          DaemonArm.format(s.tail()),
          s.validation());
    }
    report.section("Setup").table(t);
    report.text(
        "Seeds "
            + Arrays.toString(seeds)
            + ": each seed streams shards of consecutive Fashion-MNIST training images (the file is"
            + " in random class order), seed k's following seed k-1's in the file and wrapping at its"
            + " end, so every seed sees another stream (a stream of more than a third of the file"
            + " shares images with other seeds', in another order); the daemon's seed"
            + " weights and its jobs' shuffling are its own (fixed) as in production. Validation: the"
            + " first images of the test split, the daemon's fixed validation set, the same for every"
            + " arm. Registry: "
            + (results.isEmpty() ? "-" : results.get(0).database())
            + ", created for each model and seed and dropped after it. "
            + (warmUpShards > 0
                ? "Before the first seed of each model, a warm-up run of the same model on the first "
                    + warmUpShards
                    + " shards of another part of the training file (seed "
                    + WARM_UP_SEED
                    + "), all three arms, its results discarded: the arms' times are those of a"
                    + " JVM that has compiled their code, as a long-running daemon's is."
                : "No warm-up run (--warm-up-shards 0): the first seed's arm (a), which runs first,"
                    + " includes the JVM's compilation of the code paths."));
    report.text(
        "**Simulated time.** The shards are written into the daemon's watched folder on a schedule"
            + " in simulated time; the champion is evaluated ("
            + "`ChampionEvaluator`) and the policy asked (`PolicyEngine`) in bursts after each event"
            + " (a shard's arrival, a job's end, a cooldown's end), as the daemon's evaluation timer would"
            + " at that interval; idle time between events is skipped, work (ingestion, evaluation,"
            + " jobs) takes its real time. Jobs are claimed from the registry's queue and run by"
            + " `GrowthPipeline` with the commit the growth worker uses (registrations, decision and"
            + " job completion in one transaction under the job's lease). The registry stamps"
            + " decisions with the database's clock, which the bench cannot move, so the policy's"
            + " cooldown is kept by the scheduler in simulated time: the engine is not asked during a"
            + " cooldown. Both policies' daily limits cover the whole run (its simulated length is"
            + " under a day), so they are counted by the engine as they would be.");
    report.text(
        "**Time and budget.** An arm's time is the wall time of its training rounds: for (a) the"
            + " whole growth job (champion measured, transform, preservation check, training with its"
            + " per-epoch evaluations, registration of every version and the alias move), for (b) and"
            + " (c) the training loop with its per-epoch evaluations. All arms start from the daemon's"
            + " seed version (the seed job's time is every arm's first point). Every (b) and (c) round"
            + " uses the training plan of the daemon's job at that point (epochs, batch size, early"
            + " stopping): (b) at the full learning rate from fresh random weights, (c) at the"
            + " policy's reduced rate, continuing from the model it serves. Each arm serves a round's"
            + " model only if it passes the policy's promotion gate against the model it serves, as"
            + " the daemon does. The mean accuracy is the area under the served-accuracy step curve"
            + " from the seed's end to the end of the slowest arm (an arm that has finished keeps"
            + " serving its last model), divided by that window: the same window for all three arms.");
  }

  private static void summary(Report report, List<StreamSettings> settings, List<Result> results) {
    Markdown t =
        Markdown.table(
            "model",
            "arm",
            ">final accuracy",
            ">mean accuracy (area / window)",
            ">training time s",
            ">rounds",
            ">final parameters");
    for (StreamSettings s : settings) {
      List<Result> rs = of(results, s);
      for (String arm : ArmCurve.ARMS) {
        t.row(
            s.label(),
            arm,
            pm(rs.stream().mapToDouble(r -> r.arm(arm).last().accuracy()), 4),
            pm(rs.stream().mapToDouble(r -> r.meanAccuracy(arm)), 4),
            pm(rs.stream().mapToDouble(r -> r.arm(arm).totalSeconds()), 1),
            arm.equals(ArmCurve.DAEMON)
                ? rs.stream()
                        .map(r -> r.promoted() + " of " + r.daemon().growths().size())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("")
                    + " promoted"
                : rs.stream()
                    .map(r -> String.valueOf(r.arm(arm).points().size() - 1))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse(""),
            rs.stream()
                .map(r -> String.format(Locale.ROOT, "%,d", r.arm(arm).last().parameters()))
                .reduce((a, b) -> a + ", " + b)
                .orElse(""));
      }
    }
    report
        .section("Accuracy and time per arm (mean ± sd over seeds; rounds and parameters per seed)")
        .table(t);
  }

  private static void ratios(Report report, List<StreamSettings> settings, List<Result> results) {
    Markdown t =
        Markdown.table(
            "model",
            ">seeds reached (of those that grew)",
            ">target: (b)'s final accuracy",
            ">(b)'s time s",
            ">ratio (a)/(b)",
            "goal",
            "verdict");
    for (StreamSettings s : settings) {
      List<Result> rs = of(results, s).stream().filter(Result::grew).toList();
      if (rs.isEmpty()) {
        t.row(s.label(), "0 of 0", "-", "-", "n/a", "<= " + GOAL, "no growth job in any seed");
        continue;
      }
      double[] reached =
          rs.stream().mapToDouble(Result::ratio).filter(d -> !Double.isNaN(d)).toArray();
      Stat ratio = Stat.of(reached);
      String verdict;
      if (reached.length < rs.size()) {
        verdict =
            "not met: "
                + (rs.size() - reached.length)
                + " of "
                + rs.size()
                + " seeds never reached (b)'s final accuracy; (a) ended "
                + pm(
                    rs.stream()
                        .mapToDouble(
                            r ->
                                r.arm(ArmCurve.RETRAIN).last().accuracy()
                                    - r.arm(ArmCurve.DAEMON).last().accuracy()),
                    4)
                + " below it";
      } else if (ratio.mean() <= GOAL) {
        verdict = "met";
      } else {
        verdict = String.format(Locale.ROOT, "not met: %.1fx the goal", ratio.mean() / GOAL);
      }
      t.row(
          s.label(),
          reached.length + " of " + rs.size(),
          pm(rs.stream().mapToDouble(r -> r.arm(ArmCurve.RETRAIN).last().accuracy()), 4),
          pm(rs.stream().mapToDouble(r -> r.arm(ArmCurve.RETRAIN).totalSeconds()), 1),
          ratio.pm(3),
          "<= " + GOAL,
          verdict);
    }
    report.section("The grown lineage's time to retraining's final accuracy").table(t);
    Markdown perSeed =
        Markdown.table(
            "model",
            ">seed",
            ">(b) final accuracy",
            ">(b) time s",
            ">(b) reaches it at s",
            ">(a) reaches it at s",
            ">ratio",
            ">ratio to (b)'s own time to it",
            ">(a) final accuracy",
            ">(c) final accuracy");
    for (Result r : results) {
      ArmCurve retrain = r.arm(ArmCurve.RETRAIN);
      ArmCurve.Point reached = r.arm(ArmCurve.DAEMON).firstReaching(retrain.last().accuracy());
      // (b) may serve its final accuracy long before its last round (later rounds that fail the
      // gate add time, not accuracy): the stricter ratio divides by the time it first got there.
      double retrainReached = retrain.firstReaching(retrain.last().accuracy()).seconds();
      perSeed.row(
          r.settings().label(),
          r.seed(),
          f4(retrain.last().accuracy()),
          f1(retrain.totalSeconds()),
          f1(retrainReached),
          !r.grew() ? "-" : reached == null ? "never" : f1(reached.seconds()),
          !r.grew()
              ? "no growth job (the policy never fired)"
              : reached == null ? "not reached" : Markdown.f("%.3f", r.ratio()),
          !r.grew() || reached == null
              ? "-"
              : Markdown.f("%.3f", reached.seconds() / retrainReached),
          f4(r.arm(ArmCurve.DAEMON).last().accuracy()),
          f4(r.arm(ArmCurve.FINE_TUNE).last().accuracy()));
    }
    report.text(
        "Ratio: the daemon arm's training time when its served accuracy first reaches the final"
            + " accuracy of arm (b), divided by arm (b)'s total training time. Accuracy is known only"
            + " at the end of each round, so a time is rounded up to the end of the round that got"
            + " there. Arm (b) may serve its final accuracy rounds before its end (a round whose model"
            + " fails the gate adds time, not accuracy); the last ratio divides by the time (b) first"
            + " served it instead, a stricter comparison than the goal's.");
    report.table(perSeed);
  }

  private static void growths(Report report, List<Result> results) {
    Markdown t =
        Markdown.table(
            "model",
            ">seed",
            ">job",
            ">at (simulated)",
            "rule",
            "action",
            ">training rows",
            "outcome",
            ">champion after",
            ">job s");
    for (Result r : results) {
      for (DaemonArm.Growth g : r.daemon().growths()) {
        t.row(
            r.settings().label(),
            r.seed(),
            g.index(),
            DaemonArm.format(g.at()),
            g.rule(),
            g.action(),
            g.data().trainingRows(),
            g.outcome(),
            "v" + g.championAfter().number(),
            f1(g.seconds()));
      }
    }
    report
        .section("The daemon's growth jobs")
        .text(
            "Each is a job the policy engine enqueued and the growth pipeline ran; (b) and (c) train"
                + " a round at each. The seed job (version 1) is every arm's start.")
        .table(t);
    Markdown v =
        Markdown.table(
            "model",
            ">seed",
            ">version",
            ">parent",
            "transform",
            ">parameters",
            "state",
            ">learning rate saved");
    for (Result r : results) {
      for (DaemonArm.Version mv : r.daemon().versions()) {
        v.row(
            r.settings().label(),
            r.seed(),
            mv.number(),
            mv.parent(),
            mv.transform(),
            String.format(Locale.ROOT, "%,d", mv.parameters()),
            mv.state(),
            mv.rates().stream()
                .map(x -> Markdown.f("%.3g", x))
                .reduce((a, b) -> a + ", " + b)
                .orElse("-"));
      }
    }
    report.section("The registry's versions at the end of each run").table(v);
    for (String model : results.stream().map(r -> r.settings().label()).distinct().toList()) {
      List<Result> rs = results.stream().filter(r -> r.settings().label().equals(model)).toList();
      double seedRate = rs.get(0).settings().seedRate();
      List<Double> grown =
          rs.stream()
              .flatMap(r -> r.daemon().versions().stream())
              .filter(x -> !x.transform().equals("seed") && !x.rates().isEmpty())
              .map(x -> x.rates().get(0))
              .toList();
      long below = grown.stream().filter(x -> x < seedRate * 0.999).count();
      report.text(
          String.format(
              Locale.ROOT,
              "%s: %d of %d grown versions were saved with a learning rate below the seed's %.3g"
                  + "%s. A version's saved rate is the rate its own children start from (scaled"
                  + " again by the policy's learningRateScale while they train).",
              model,
              below,
              grown.size(),
              seedRate,
              below == 0
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      " (the lowest: %.3g, %.4fx the seed's)",
                      grown.stream().mapToDouble(Double::doubleValue).min().orElse(seedRate),
                      grown.stream().mapToDouble(Double::doubleValue).min().orElse(seedRate)
                          / seedRate)));
    }
  }

  private static void figures(Report report, List<StreamSettings> settings, List<Result> results) {
    report.section("Figures");
    for (StreamSettings s : settings) {
      List<Result> rs = of(results, s);
      double until =
          rs.stream()
              .flatMap(r -> r.curves().stream())
              .mapToDouble(ArmCurve::totalSeconds)
              .max()
              .orElse(1);
      double from = rs.stream().mapToDouble(r -> r.daemon().seeded().seconds()).max().orElse(0);
      List<Charts.Line> means = new ArrayList<>();
      for (String arm : ArmCurve.ARMS) {
        int n = 200;
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        for (int i = 0; i <= n; i++) {
          x[i] = from + (until - from) * i / n;
          double t = x[i];
          y[i] = rs.stream().mapToDouble(r -> r.arm(arm).servedAt(t)).average().orElse(0);
        }
        means.add(new Charts.Line(arm, x, y, null));
      }
      Path mean = report.file(s.label() + "-mean.png");
      Charts.lines(
          mean,
          s.label()
              + ": served validation accuracy, mean over "
              + rs.size()
              + " seed"
              + (rs.size() == 1 ? "" : "s"),
          "cumulative training time (s)",
          "validation accuracy",
          means,
          null,
          null);
      report.figure(mean, s.label() + " mean curves");
      List<Charts.Line> all = new ArrayList<>();
      for (Result r : rs) {
        for (ArmCurve c : r.curves()) {
          double[][] xy = c.steps(until);
          all.add(new Charts.Line(c.arm() + ", seed " + r.seed(), xy[0], xy[1], null));
        }
      }
      Path each = report.file(s.label() + "-seeds.png");
      Charts.lines(
          each,
          s.label() + ": served validation accuracy, every seed (a step at the end of each round)",
          "cumulative training time (s)",
          "validation accuracy",
          all,
          null,
          null);
      report.figure(each, s.label() + " curves of every seed");
    }
  }

  // ---- files and numbers

  static final String CURVES_HEADER = "model,seed,arm,point,seconds,accuracy,round,parameters,rows";

  private static void writeCurves(Path file, List<Result> results) {
    List<String> lines = new ArrayList<>(List.of(CURVES_HEADER));
    for (Result r : results) {
      for (ArmCurve c : r.curves()) {
        for (int i = 0; i < c.points().size(); i++) {
          ArmCurve.Point p = c.points().get(i);
          lines.add(
              String.join(
                  ",",
                  r.settings().label(),
                  String.valueOf(r.seed()),
                  c.arm(),
                  String.valueOf(i),
                  Markdown.f("%.3f", p.seconds()),
                  Markdown.f("%.4f", p.accuracy()),
                  p.round().replace(',', ';'),
                  String.valueOf(p.parameters()),
                  String.valueOf(p.rows())));
        }
      }
    }
    writeLines(file, lines);
  }

  static final String GROWTHS_HEADER =
      "model,seed,job,at_seconds,rule,action,rows,outcome,champion_after,seconds";

  private static void writeGrowths(Path file, List<Result> results) {
    List<String> lines = new ArrayList<>(List.of(GROWTHS_HEADER));
    for (Result r : results) {
      for (DaemonArm.Growth g : r.daemon().growths()) {
        lines.add(
            String.join(
                ",",
                r.settings().label(),
                String.valueOf(r.seed()),
                String.valueOf(g.index()),
                String.valueOf(g.at().toSeconds()),
                g.rule(),
                g.action().replace(',', ';'),
                String.valueOf(g.data().trainingRows()),
                g.outcome(),
                String.valueOf(g.championAfter().number()),
                Markdown.f("%.3f", g.seconds())));
      }
    }
    writeLines(file, lines);
  }

  private static void writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Result> of(List<Result> results, StreamSettings s) {
    return results.stream().filter(r -> r.settings().label().equals(s.label())).toList();
  }

  private static String pm(java.util.stream.DoubleStream values, int decimals) {
    return Stat.of(values.toArray()).pm(decimals);
  }

  private static String f4(double v) {
    return Markdown.f("%.4f", v);
  }

  private static String f1(double v) {
    return Markdown.f("%.1f", v);
  }

  record Stat(double mean, double std) {
    static Stat of(double[] values) {
      if (values.length == 0) {
        return new Stat(Double.NaN, Double.NaN);
      }
      double mean = Arrays.stream(values).average().orElse(Double.NaN);
      double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
      return new Stat(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0);
    }

    String pm(int decimals) {
      return Markdown.pm(mean, std, decimals);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a leftover temporary file is harmless
                }
              });
    } catch (IOException ignored) {
      // as above
    }
  }
}
