package dev.net2net.bench.stream;

import dev.net2net.bench.Experiment;
import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.daemon.data.Dataset;
import dev.net2net.daemon.data.ShardFolder;
import dev.net2net.daemon.data.ShardIngester;
import dev.net2net.daemon.evaluation.ChampionEvaluator;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.growth.DataNotReadyException;
import dev.net2net.daemon.growth.GrowthOutcome;
import dev.net2net.daemon.growth.GrowthPipeline;
import dev.net2net.daemon.growth.GrowthSpec;
import dev.net2net.daemon.growth.JobCommit;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.models.ModelData;
import dev.net2net.daemon.policy.PolicyEngine;
import dev.net2net.daemon.policy.PolicySet;
import dev.net2net.daemon.policy.Vocabularies;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.registry.Registry;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.training.TrainingLoop;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

// Longer than 400 lines because one run's state (the simulated clock, the evaluation schedule, the
// cooldown, the job in flight and the curve it feeds) is shared by the schedule, the evaluation
// tick and
// the job runner, which read top to bottom in the order they happen; the shards' writer is a nested
// class.
/**
 * Arm (a): the daemon itself on a stream of Fashion-MNIST shards. Its own classes do the work, as
 * the daemon's verticles would call them: the shards are written into a watched folder and taken in
 * by {@link ShardIngester}; {@link ChampionEvaluator} measures the champion; {@link PolicyEngine}
 * reads the shipped policy and enqueues jobs in the registry; the jobs are claimed from the
 * registry's queue and run by {@link GrowthPipeline}, which registers every version and moves the
 * champion. What this class adds is the schedule, in simulated time: when shards arrive, when the
 * champion is evaluated, and the policy's cooldown (see {@link #evaluate}). The verticles' timers,
 * lease heartbeats and HTTP API are not used: one thread does everything in turn.
 */
final class DaemonArm {
  private static final String WORKER = "bench-stream";
  private static final Duration LEASE = Duration.ofHours(12);

  /**
   * The daemon's default preservation tolerance ({@code growth.tolerance} in its configuration).
   */
  private static final double PRESERVATION_TOLERANCE = 1e-4;

  /** The daemon's seed job: where every arm starts. */
  record Seeded(Dataset.Snapshot data, VersionRef version, double seconds, double accuracy) {}

  /**
   * One growth job of the daemon: the data it saw, how it trained, what came of it, and the
   * champion after it.
   *
   * @param seconds the job's wall time (transform, training with its evaluations, registration)
   */
  record Growth(
      int index,
      Duration at,
      String rule,
      String action,
      String outcome,
      String summary,
      Dataset.Snapshot data,
      TrainingPlan plan,
      PromotionGate gate,
      VersionRef championAfter,
      double seconds) {}

  /** Everything the run left: the served curve, the jobs and the registry's versions. */
  /** A version in the registry at the end, with the learning rates its zip was saved with. */
  record Version(
      int number,
      String parent,
      String transform,
      long parameters,
      String state,
      List<Double> rates) {}

  record Run(
      ArmCurve curve,
      Seeded seeded,
      List<Growth> growths,
      List<Version> versions,
      int decisions,
      int heldForCooldown) {}

  private final StreamSettings settings;
  private final long seed;
  private final Path home;
  private final Registry registry;
  private final LabeledImages validation;

  private final SimulatedClock clock = new SimulatedClock();
  private final TreeSet<Instant> evaluations = new TreeSet<>();
  private ManagedModel model;
  private ShardIngester ingester;
  private PolicyEngine engine;
  private ChampionEvaluator evaluator;
  private DaemonMeters meters;
  private GrowthPolicy policy;

  private double trainedSeconds;
  private Instant cooldownUntil = Instant.MIN;
  private int heldForCooldown;
  private String pendingRound;
  private Seeded seeded;
  private final List<ArmCurve.Point> points = new ArrayList<>();
  private final List<Growth> growths = new ArrayList<>();
  private Growth lastGrowth;
  private Dataset.Snapshot jobData;

  DaemonArm(
      StreamSettings settings, long seed, Path home, Registry registry, LabeledImages validation) {
    this.settings = settings;
    this.seed = seed;
    this.home = home;
    this.registry = registry;
    this.validation = validation;
  }

  Run run() throws IOException {
    Path incoming = home.resolve("incoming");
    DaemonConfig.ModelSettings modelSettings =
        new DaemonConfig.ModelSettings(
            settings.model(),
            incoming,
            new DaemonConfig.Validation.FashionMnistTest(settings.validation()),
            settings.seed(),
            settings.seedTraining());
    model = new ManagedModel(modelSettings, validation);
    ingester =
        new ShardIngester(
            registry,
            model.dataset(),
            new ShardFolder(incoming),
            modelSettings.effectiveSchema(),
            model.holdoutRule(),
            ModelData.caches(home, settings.model()));
    ingester.restore();
    meters = new DaemonMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    meters.registerModel(settings.model());
    PolicySet policies = PolicySet.load(settings.policy(), clock.now());
    policy =
        policies
            .forModel(settings.model())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        settings.policy() + " has no policy for model " + settings.model()));
    engine = new PolicyEngine(registry, meters, this::logEvent, policies);
    evaluator = new ChampionEvaluator(registry, meters);
    Shards shards = new Shards(settings, seed, incoming);

    Instant end = clock.start().plus(settings.length());
    int delivered = 0;
    while (true) {
      boolean arrived = false;
      while (delivered < settings.shards() && !arrival(delivered).isAfter(clock.now())) {
        shards.write(delivered++);
        arrived = true;
      }
      if (arrived) {
        ingester.scan(); // a shard is taken once it has not changed between two scans
        ingester.scan();
        burst(clock.now());
      }
      if (!evaluations.isEmpty() && !evaluations.first().isAfter(clock.now())) {
        evaluations.headSet(clock.now(), true).clear();
        evaluate();
        continue;
      }
      Instant next = delivered < settings.shards() ? arrival(delivered) : null;
      if (!evaluations.isEmpty() && (next == null || evaluations.first().isBefore(next))) {
        next = evaluations.first();
      }
      if (next == null || next.isAfter(end)) {
        break;
      }
      clock.advanceTo(next);
    }
    ModelName name = new ModelName(settings.model());
    List<Version> versions = new ArrayList<>();
    for (ModelVersion v : registry.versions().list(name)) {
      versions.add(
          new Version(
              v.ref().number(),
              v.parent().map(String::valueOf).orElse("-"),
              v.transform().map(t -> t.kind()).orElse("seed"),
              v.parameterCount(),
              v.state().status().name().toLowerCase(Locale.ROOT),
              Rates.of(
                  dev.net2net.io.ModelFiles.load(
                      registry.versions().verifiedArtifactPath(v.ref())))));
    }
    int decisions = registry.decisions().recent(name, 10_000).size();
    return new Run(
        new ArmCurve(settings.label(), seed, ArmCurve.DAEMON, points),
        seeded,
        growths,
        versions,
        decisions,
        heldForCooldown);
  }

  private Instant arrival(int shard) {
    return clock.start().plus(settings.shardEvery().multipliedBy(shard));
  }

  /** Evaluations at {@code from} and then every {@code evaluateEvery}, {@code burst} in all. */
  private void burst(Instant from) {
    for (int i = 0; i < settings.burst(); i++) {
      evaluations.add(from.plus(settings.evaluateEvery().multipliedBy(i)));
    }
  }

  /**
   * One tick of the daemon's evaluation timer: measure the champion, then ask the policy engine,
   * then run the job it enqueued, if any. The registry stamps decisions and versions with the
   * database's clock, which simulated time cannot move, so the policy's cooldown is kept here, in
   * simulated time: during a cooldown the engine is not asked (it would hold every growth anyway),
   * and the end of a cooldown is an evaluation of its own, as the daemon's timer would make one.
   */
  private void evaluate() {
    // The evaluation's time goes with the registry's (real) timestamps: the engine compares it with
    // the champion's creation to keep only the current champion's evaluations.
    Optional<ChampionEvaluator.Measured> measured = evaluator.evaluate(model, Instant.now());
    if (measured.isPresent() && pendingRound != null) {
      ChampionEvaluator.Measured m = measured.get();
      points.add(
          new ArmCurve.Point(
              trainedSeconds,
              m.validation().accuracy(),
              pendingRound,
              m.parameters(),
              jobData.trainingRows()));
      if (seeded == null) {
        seeded =
            new Seeded(
                jobData,
                new VersionRef(new ModelName(settings.model()), m.version()),
                trainedSeconds,
                m.validation().accuracy());
      } else {
        growths.set(
            growths.size() - 1,
            new Growth(
                lastGrowth.index(),
                lastGrowth.at(),
                lastGrowth.rule(),
                lastGrowth.action(),
                lastGrowth.outcome(),
                lastGrowth.summary(),
                lastGrowth.data(),
                lastGrowth.plan(),
                lastGrowth.gate(),
                new VersionRef(new ModelName(settings.model()), m.version()),
                lastGrowth.seconds()));
      }
      pendingRound = null;
    }
    if (clock.now().isBefore(cooldownUntil)) {
      heldForCooldown++;
      return;
    }
    engine.evaluate(model, clock.now());
    Optional<ClaimedJob> claimed = registry.jobs().claim(WORKER, LEASE);
    claimed.ifPresent(this::runJob);
  }

  /** What the daemon's growth worker does with a claimed job, on this thread. */
  private void runJob(ClaimedJob claimed) {
    long jobId = claimed.job().id();
    GrowthSpec spec = GrowthSpec.parse(claimed.job().spec());
    jobData = model.dataset().snapshot();
    GrowthPipeline pipeline =
        new GrowthPipeline(
            registry,
            model,
            meters,
            this::logEvent,
            PRESERVATION_TOLERANCE,
            TrainingLoop.DEFAULT_BATCH_SIZE,
            WORKER,
            home.resolve("scratch"));
    // The worker's commit: the job's registrations, its decision's outcome and the job's completion
    // in one transaction under its lease (GrowthWorkerVerticle does the same, with a lease keeper).
    JobCommit commit =
        registration ->
            registry
                .jobs()
                .underLease(
                    claimed.lease(),
                    () -> {
                      GrowthOutcome outcome = registration.get();
                      claimed
                          .job()
                          .decisionId()
                          .ifPresent(
                              d ->
                                  registry
                                      .decisions()
                                      .resolve(
                                          d,
                                          Vocabularies.decisionOutcome(outcome.outcome()),
                                          outcome.version().map(VersionRef::number)));
                      registry.jobs().complete(claimed.lease(), outcome.version());
                      return outcome;
                    });
    Duration at = clock.elapsed();
    long started = System.nanoTime();
    GrowthOutcome outcome;
    try {
      outcome = pipeline.run(spec, jobId, claimed.job().decisionId(), () -> false, commit);
    } catch (DataNotReadyException e) {
      registry.jobs().release(claimed.lease(), e.getMessage(), Duration.ZERO);
      return;
    } catch (RuntimeException e) {
      registry.jobs().fail(claimed.lease(), String.valueOf(e), Duration.ofSeconds(30));
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    trainedSeconds += seconds;
    String round =
        spec.kind() == GrowthSpec.Kind.SEED
            ? "seed"
            : spec.action().map(a -> a.kind().name().toLowerCase(Locale.ROOT)).orElse("?")
                + " ("
                + outcome.outcome().name().toLowerCase(Locale.ROOT)
                + ")";
    Experiment.log(
        String.format(
            Locale.ROOT,
            "%s seed %d [%s] job %d %s: %s (%.1f s)",
            settings.label(),
            seed,
            format(at),
            jobId,
            round,
            outcome.summary(),
            seconds));
    pendingRound = round;
    if (spec.kind() == GrowthSpec.Kind.GROW) {
      lastGrowth =
          new Growth(
              growths.size() + 1,
              at,
              spec.rule(),
              spec.action().get().describe(),
              outcome.outcome().name().toLowerCase(Locale.ROOT),
              outcome.summary(),
              jobData,
              spec.training(),
              spec.gate(),
              null,
              seconds);
      growths.add(lastGrowth);
      cooldownUntil = clock.now().plus(policy.guards().cooldown());
      burst(cooldownUntil);
    }
    burst(clock.now());
  }

  private void logEvent(DaemonEvent event) {
    if (event.type().equals(DaemonEvent.DECISION)) {
      Experiment.log(
          String.format(
              Locale.ROOT,
              "%s seed %d [%s] decision: %s",
              settings.label(),
              seed,
              format(clock.elapsed()),
              event.fields()));
    }
  }

  static String format(Duration d) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  /**
   * The stream's shards: IDX pairs of consecutive training images; each seed's shards follow the
   * previous seed's in the training file, wrapping at its end.
   */
  static final class Shards {
    static final int TRAINING_IMAGES = 60_000;
    private static FashionMnist.RawSplit train;

    private final StreamSettings settings;
    private final Path folder;
    private final long seed;

    Shards(StreamSettings settings, long seed, Path folder) {
      this.settings = settings;
      this.folder = folder;
      this.seed = seed;
    }

    /**
     * The first training image of a seed's shard. Seed 1 takes the first images, seed 2 the shards
     * after them, and so on; a stream longer than the file's remainder wraps to its start. A stream
     * of more than a third of the file thus shares images with other seeds' but not their order, so
     * that no two seeds replay the same stream (a seed's weights and shuffling are the daemon's
     * own, fixed: the same stream would give the same run).
     */
    static int firstImage(StreamSettings settings, long seed, int shard) {
      int shardsInFile = TRAINING_IMAGES / settings.shardRows();
      long index = (seed - 1) * settings.shards() + shard;
      return (int) Math.floorMod(index, (long) shardsInFile) * settings.shardRows();
    }

    private static synchronized FashionMnist.RawSplit train() {
      if (train == null) {
        train = FashionMnist.locate().raw(FashionMnist.Split.TRAIN);
      }
      return train;
    }

    void write(int shard) {
      int from = firstImage(settings, seed, shard);
      int to = from + settings.shardRows();
      String stem = String.format(Locale.ROOT, "shard-%04d", shard + 1);
      try {
        java.nio.file.Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      train().labels().slice(from, to).writeGzip(folder.resolve(stem + "-labels-idx1-ubyte.gz"));
      train().images().slice(from, to).writeGzip(folder.resolve(stem + "-images-idx3-ubyte.gz"));
    }
  }
}
