package dev.net2net.daemon.growth;

import dev.net2net.TransformException;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.LearningRates;
import dev.net2net.daemon.data.Dataset;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.events.EventSink;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.Architectures;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.policy.Vocabularies;
import dev.net2net.datasets.stream.FeatureStatistics;
import dev.net2net.datasets.stream.RowSet;
import dev.net2net.io.ModelFiles;
import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.registry.Failpoints;
import dev.net2net.registry.Registry;
import dev.net2net.registry.alias.AliasMoveResult;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import dev.net2net.training.BatchSource;
import dev.net2net.training.Evaluations;
import dev.net2net.training.MiniBatches;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.training.TrainingFailedException;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.TrainingEngine;
import dev.net2net.training.engine.TrainingEngines;
import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import dev.net2net.training.seed.SeedShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Longer than 400 lines because the steps of one job (seed, or start, transform, train, gate,
// register, promote) share the job's state: the champion, its normaliser, the scratch folder, the
// meters and the events. Each step is a named method returning a record, and they read top to
// bottom in the order they run; the registry's record of a candidate is already in GrownVersions.
/**
 * One growth job, start to finish, on a worker thread: load the champion, transform it, check that
 * the student computes what the champion computed (refusing it above the tolerance), train it at
 * the policy's reduced learning rate with early stopping, evaluate it on the held-out set, apply
 * the promotion gate, register the version with its lineage and metrics, and move the {@code
 * champion} alias by compare-and-set. A failure anywhere leaves the champion untouched; a student
 * that existed is registered as failed with the reason. Nothing is written to the registry until
 * the work is done: every registration of the job is one step handed to a {@link JobCommit}, which
 * the worker runs under the job's lease, so an attempt that dies or loses its lease leaves no
 * version behind.
 */
public final class GrowthPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthPipeline.class);
  private static final int PROBES = 500;
  private static final int STATISTICS = 1000;

  private final Registry registry;
  private final ManagedModel model;
  private final DaemonMeters meters;
  private final EventSink events;
  private final double tolerance;

  /** The batch size of a training plan that names none (the configuration's training.batchSize). */
  private final int defaultBatchSize;

  private final String worker;
  private final Path scratch;

  /**
   * This job's feature standardisation: fitted at the seed, the champion's when growing; written
   * into every zip.
   */
  private Optional<DataNormalization> normalizer = Optional.empty();

  public GrowthPipeline(
      Registry registry,
      ManagedModel model,
      DaemonMeters meters,
      EventSink events,
      double tolerance,
      int defaultBatchSize,
      String worker,
      Path scratch) {
    this.defaultBatchSize = defaultBatchSize;
    this.registry = registry;
    this.model = model;
    this.meters = meters;
    this.events = events;
    this.tolerance = tolerance;
    this.worker = worker;
    this.scratch = scratch;
  }

  private ModelName name() {
    return new ModelName(model.name());
  }

  /**
   * Runs a job; {@code decision} is the policy decision that enqueued it (a seed job has none). The
   * registrations go through {@code commit} once the slow work is done; {@code cancelled} is asked
   * between batches and once more just before committing.
   */
  public GrowthOutcome run(
      GrowthSpec spec,
      long jobId,
      Optional<Long> decision,
      BooleanSupplier cancelled,
      JobCommit commit) {
    long started = System.nanoTime();
    GrowthKind kind =
        spec.kind() == GrowthSpec.Kind.SEED
            ? GrowthKind.SEED
            : Vocabularies.growthKind(
                spec.action()
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "growth job " + jobId + " names no action"))
                    .kind());
    Supplier<GrowthOutcome> registration;
    try {
      registration =
          spec.kind() == GrowthSpec.Kind.SEED
              ? seed(cancelled)
              : spec.seat().isPresent()
                  ? candidate(spec, jobId, cancelled)
                  : grow(spec, jobId, cancelled);
    } catch (TransformException e) {
      GrowthOutcome refused =
          new GrowthOutcome(
              AttemptOutcome.FAILED,
              Optional.empty(),
              "the transform was refused: " + e.getMessage());
      registration = () -> refused;
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("the job was cancelled before its results were registered");
    }
    GrowthOutcome outcome = commit.commit(registration);
    if (spec.seat().isEmpty()) {
      // A tournament is counted once, as one attempt, when it is decided (TournamentResolver).
      meters.growthAttempt(
          model.name(), kind, outcome.outcome(), Duration.ofNanos(System.nanoTime() - started));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind.label());
    fields.put("rule", spec.rule());
    fields.put("outcome", outcome.outcome().name());
    outcome.version().ifPresent(v -> fields.put("version", v.number()));
    fields.put("summary", outcome.summary());
    fields.put("job", jobId);
    decision.ifPresent(d -> fields.put("decision", d));
    events.publish(DaemonEvent.of(DaemonEvent.GROWTH_FINISHED, model.name(), fields));
    return outcome;
  }

  // ---- a model's first version

  private Supplier<GrowthOutcome> seed(BooleanSupplier cancelled) {
    registry.models().getOrCreate(name(), "grown by net2net from " + model.settings().seed());
    Optional<Integer> existing = registry.aliases().resolve(name(), AliasName.CHAMPION);
    if (existing.isPresent()) {
      GrowthOutcome already =
          new GrowthOutcome(
              AttemptOutcome.PROMOTED,
              Optional.of(new VersionRef(name(), existing.get())),
              "the model has a champion already");
      return () -> already;
    }
    Dataset.Snapshot data = model.dataset().snapshot();
    if (data.shards().isEmpty()) {
      throw new DataNotReadyException("model '" + model.name() + "' has no training data yet");
    }
    DatasetSnapshot snapshot = registry.shards().snapshot(model.name());
    Model seed =
        SeedModels.build(
            model.settings().seed(),
            42,
            SeedShape.of(
                model.settings().effectiveSchema(), data.shards().get(0).layout().features()));
    if (model.settings().seed() instanceof Seed.Import imported) {
      normalizer = ModelNormalizers.read(imported.zip());
    }
    if (normalizer.isEmpty() && model.standardises()) {
      normalizer =
          Optional.of(
              FeatureStatistics.of(new RowSet(data.shards(), RowSet.Part.TRAINING)).normalizer());
    }
    BatchSource validation = model.validation(seed, data, normalizer);
    if (validation.rows() == 0) {
      throw new DataNotReadyException(
          "model '"
              + model.name()
              + "' has no held-out rows yet to validate a seed on ("
              + data.rows()
              + " rows ingested)");
    }
    List<Metric> metrics = new ArrayList<>();
    ModelEvaluation evaluation;
    if (SeedModels.needsTraining(model.settings().seed())) {
      var settings = model.settings().seedTraining();
      try {
        TrainingLoop.Result result =
            TrainingLoop.train(
                engine(),
                seed,
                model.training(seed, data, normalizer),
                validation,
                new TrainingLoop.Settings(
                    settings.epochs(), settings.batchSize(), OptionalInt.empty(), 0, 42),
                epochListener("seed", metrics),
                cancelled);
        evaluation = result.best();
      } catch (TrainingFailedException e) {
        // Recorded as the lineage's failed root, so the operator sees why the model has no
        // champion; a
        // changed seed configuration gets a new seed job (its key includes the configuration).
        String reason = e.getMessage();
        return () -> {
          ModelVersion failed =
              register(
                  NewVersion.seed(name(), Architectures.summary(seed), seed.numParams(), snapshot)
                      .withState(VersionState.failed("seed training: " + reason)),
                  seed);
          return new GrowthOutcome(
              AttemptOutcome.FAILED, Optional.of(failed.ref()), "seed training failed: " + reason);
        };
      }
    } else {
      evaluation = Evaluations.evaluate(seed, validation);
    }
    ModelEvaluation seedEvaluation = evaluation;
    return () -> {
      NewVersion version =
          NewVersion.seed(name(), Architectures.summary(seed), seed.numParams(), snapshot)
              .withState(VersionState.ready());
      ModelVersion registered = register(version, seed);
      finalMetrics(metrics, seedEvaluation);
      registry.versions().recordMetrics(registered.ref(), metrics);
      AliasMoveResult moved =
          registry
              .aliases()
              .move(
                  AliasName.CHAMPION,
                  registered.ref(),
                  Optional.empty(),
                  worker,
                  "seed model trained on " + data.trainingRows() + " rows");
      return new GrowthOutcome(
          AttemptOutcome.PROMOTED,
          Optional.of(registered.ref()),
          String.format(
              Locale.ROOT,
              "seed version %d: validation accuracy %.4f, %,d parameters%s",
              registered.number(),
              seedEvaluation.accuracy(),
              seed.numParams(),
              moved.moved() ? "" : " (another worker seeded the model first)"));
    };
  }

  // ---- growth

  /**
   * A growth in named steps: transform the champion into candidates, train them, gate the best
   * against the champion, then (in the job's one commit) register every candidate and promote the
   * winner.
   */
  private Supplier<GrowthOutcome> grow(GrowthSpec spec, long jobId, BooleanSupplier cancelled) {
    Growing growing = start(spec, currentChampion());
    List<Candidate> candidates = transform(spec, jobId, growing);
    Training training = train(spec.training(), jobId, growing, candidates, cancelled);
    if (training.trained().isEmpty()) {
      GrowthOutcome failed =
          new GrowthOutcome(
              AttemptOutcome.FAILED, Optional.empty(), String.join("; ", training.failures()));
      return () -> {
        training.failedRegistrations().forEach(Runnable::run);
        return failed;
      };
    }
    Verdict verdict = gate(spec.gate(), growing.before(), training.trained());
    return () -> {
      training.failedRegistrations().forEach(Runnable::run);
      ModelVersion winner = register(spec, growing, training.trained(), verdict);
      return verdict.passes()
          ? promote(spec, growing, winner, verdict)
          : new GrowthOutcome(
              AttemptOutcome.REJECTED, Optional.of(winner.ref()), "rejected: " + verdict.summary());
    };
  }

  // ---- a tournament's candidate

  /**
   * One candidate of a tournament: grown from the tournament's champion (the one at the decision,
   * whatever is champion now), trained with its own plan, and registered as a {@code candidate}
   * version with its final measurements and the champion's on the same rows. Its job's commit then
   * tries to decide the tournament ({@link TournamentResolver}), which this candidate alone never
   * does.
   */
  private Supplier<GrowthOutcome> candidate(
      GrowthSpec spec, long jobId, BooleanSupplier cancelled) {
    GrowthSpec.Seat seat = spec.seat().orElseThrow();
    String label = "candidate " + (seat.index() + 1) + " of " + seat.of();
    Growing growing = start(spec, seat.champion());
    List<Candidate> candidates = transform(spec, jobId, growing);
    Training training = train(spec.training(), jobId, growing, candidates, cancelled);
    if (training.trained().isEmpty()) {
      GrowthOutcome failed =
          new GrowthOutcome(
              AttemptOutcome.FAILED,
              Optional.empty(),
              label + " failed: " + String.join("; ", training.failures()));
      return () -> {
        training.failedRegistrations().forEach(Runnable::run);
        return failed;
      };
    }
    Trained trained = training.trained().get(0);
    String metric = spec.gate().metric().name();
    double championValue = growing.before().metric(metric);
    double value = trained.result().best().metric(metric);
    return () -> {
      ModelVersion version =
          register(
              GrownVersions.grown(
                      growing.championRef(), trained.candidate(), growing.snapshot(), spec)
                  .withState(VersionState.candidate()),
              trained.candidate().student());
      finalMetrics(trained.metrics(), trained.result().best());
      trained.metrics().add(Metric.finalValue("validation", "champion_" + metric, championValue));
      registry.versions().recordMetrics(version.ref(), trained.metrics());
      return new GrowthOutcome(
          AttemptOutcome.IN_PROGRESS,
          Optional.of(version.ref()),
          String.format(
              Locale.ROOT,
              "%s trained as version %d: %s %s %.4f -> %.4f",
              label,
              version.number(),
              trained.candidate().label(),
              metric,
              championValue,
              value));
    };
  }

  /**
   * What a growth starts from: the champion, its data and its measurement on the validation rows.
   */
  private record Growing(
      VersionRef championRef,
      Model champion,
      DatasetSnapshot snapshot,
      BatchSource train,
      BatchSource validation,
      ModelEvaluation before) {}

  private int currentChampion() {
    return registry
        .aliases()
        .resolve(name(), AliasName.CHAMPION)
        .orElseThrow(() -> new TransformException("the model has no champion to grow yet"));
  }

  private Growing start(GrowthSpec spec, int championNumber) {
    VersionRef championRef = new VersionRef(name(), championNumber);
    Path championZip = registry.versions().verifiedArtifactPath(championRef);
    Model champion = ModelFiles.load(championZip);
    normalizer = ModelNormalizers.read(championZip);
    Dataset.Snapshot data = model.dataset().snapshot();
    if (data.shards().isEmpty()) {
      throw new DataNotReadyException("model '" + model.name() + "' has no training data yet");
    }
    DatasetSnapshot snapshot = registry.shards().snapshot(model.name());
    BatchSource train = model.training(champion, data, normalizer);
    BatchSource validation = model.validation(champion, data, normalizer);
    ModelEvaluation before = Evaluations.evaluate(champion, validation);
    events.publish(
        DaemonEvent.of(
            DaemonEvent.GROWTH_STARTED,
            model.name(),
            Map.of(
                "rule",
                spec.rule(),
                "action",
                spec.action().get().describe(),
                "champion",
                championNumber,
                "accuracy",
                before.accuracy(),
                "parameters",
                champion.numParams(),
                "rows",
                data.rows())));
    return new Growing(championRef, champion, snapshot, train, validation, before);
  }

  /** The candidates the action makes of the champion, each with its measured preservation error. */
  private List<Candidate> transform(GrowthSpec spec, long jobId, Growing growing) {
    Continuation continuation = StudentSchedule.continuation(spec.training());
    INDArray probes = firstFeatures(growing.validation(), PROBES);
    INDArray statistics = firstFeatures(growing.train(), STATISTICS);
    long transformStarted = System.nanoTime();
    List<Candidate> candidates =
        new ActionApplier(continuation, jobId, probes, statistics)
            .apply(spec.action().get(), growing.champion());
    Duration transformTook = Duration.ofNanos(System.nanoTime() - transformStarted);
    Failpoints.reach("transform");
    for (Candidate candidate : candidates) {
      double error = candidate.preservationError();
      meters.transform(
          model.name(), candidate.label(), transformTook.dividedBy(candidates.size()), error);
      events.publish(
          DaemonEvent.of(
              DaemonEvent.TRANSFORM_DONE,
              model.name(),
              Map.of(
                  "kind",
                  candidate.label(),
                  "target",
                  candidate.report().target(),
                  "preservationError",
                  error,
                  "parametersBefore",
                  candidate.report().parametersBefore(),
                  "parametersAfter",
                  candidate.report().parametersAfter())));
    }
    return candidates;
  }

  /**
   * The candidates that trained, and for those that did not (beyond the preservation tolerance, a
   * diverging loss, a failure in DL4J) why, with their registrations deferred to the job's one
   * commit.
   */
  private record Training(
      List<Trained> trained, List<String> failures, List<Runnable> failedRegistrations) {}

  private Training train(
      TrainingPlan plan,
      long jobId,
      Growing growing,
      List<Candidate> candidates,
      BooleanSupplier cancelled) {
    List<Trained> trained = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Runnable> failedRegistrations = new ArrayList<>();
    for (Candidate candidate : candidates) {
      double error = candidate.preservationError();
      if (!(error <= tolerance)) {
        String reason =
            String.format(
                Locale.ROOT,
                "preservation error %.3e exceeds the tolerance %.1e",
                error,
                tolerance);
        failedRegistrations.add(
            () -> registerFailed(growing.championRef(), candidate, growing.snapshot(), reason));
        failures.add(candidate.label() + ": " + reason);
        continue;
      }
      List<Metric> metrics = new ArrayList<>();
      try {
        TrainingLoop.Settings settings = settings(plan, jobId);
        StudentSchedule.begin(
            candidate.student(), plan, growing.train().rows(), settings.batchSize());
        TrainingLoop.Listener listener = epochListener(candidate.label(), metrics);
        TrainingLoop.Result result =
            TrainingLoop.train(
                engine(),
                candidate.student(),
                growing.train(),
                growing.validation(),
                settings,
                report -> {
                  listener.epoch(report);
                  // The rate the next step will use: the schedule, as training followed it.
                  LearningRates.current(candidate.student())
                      .ifPresent(
                          rate ->
                              metrics.add(
                                  Metric.atEpoch("train", "learning_rate", report.epoch(), rate)));
                },
                cancelled);
        StudentSchedule.end(candidate.student(), plan);
        trained.add(new Trained(candidate, result, metrics));
      } catch (TrainingFailedException e) {
        String reason = e.getMessage();
        failedRegistrations.add(
            () -> registerFailed(growing.championRef(), candidate, growing.snapshot(), reason));
        failures.add(candidate.label() + ": " + e.getMessage());
      } catch (CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        // A bug or a DL4J failure in this candidate's training: recorded with the student, not
        // retried,
        // because running the same job again would fail the same way.
        String reason = "training failed: " + e;
        LOG.error("{}: training {} failed", model.name(), candidate.label(), e);
        failedRegistrations.add(
            () -> registerFailed(growing.championRef(), candidate, growing.snapshot(), reason));
        failures.add(candidate.label() + ": " + reason);
      }
    }
    return new Training(trained, failures, failedRegistrations);
  }

  /** The best trained candidate, and whether it beats the champion by what the gate asks. */
  private record Verdict(
      Trained winner,
      boolean passes,
      String summary,
      double championValue,
      String metric,
      long parameters) {}

  private static Verdict gate(PromotionGate gate, ModelEvaluation champion, List<Trained> trained) {
    String metric = gate.metric().name();
    double championValue = champion.metric(metric);
    Trained best = trained.get(0);
    for (Trained t : trained) {
      if (gate.metric()
              .mode()
              .improvement(t.result().best().metric(metric), best.result().best().metric(metric))
          > 0) {
        best = t;
      }
    }
    double candidateValue = best.result().best().metric(metric);
    long parameters = best.candidate().student().numParams();
    boolean passes =
        gate.passes(candidateValue, championValue)
            && (gate.maxParameters().isEmpty() || parameters <= gate.maxParameters().getAsLong());
    String summary =
        String.format(
            Locale.ROOT,
            "%s %s %.4f -> %.4f (needs %+.4f)",
            best.candidate().label(),
            metric,
            championValue,
            candidateValue,
            gate.minImprovement());
    return new Verdict(best, passes, summary, championValue, metric, parameters);
  }

  /**
   * Registers every trained candidate (the winner ready or rejected by the gate, the others
   * rejected).
   */
  private ModelVersion register(
      GrowthSpec spec, Growing growing, List<Trained> trained, Verdict verdict) {
    ModelVersion registered = null;
    for (Trained t : trained) {
      VersionState state =
          t == verdict.winner()
              ? (verdict.passes()
                  ? VersionState.ready()
                  : VersionState.rejected("promotion gate: " + verdict.summary()))
              : VersionState.rejected(
                  "the other candidate (" + verdict.winner().candidate().label() + ") did better");
      ModelVersion version =
          register(
              GrownVersions.grown(growing.championRef(), t.candidate(), growing.snapshot(), spec)
                  .withState(state),
              t.candidate().student());
      finalMetrics(t.metrics(), t.result().best());
      t.metrics()
          .add(
              Metric.finalValue(
                  "validation", "champion_" + verdict.metric(), verdict.championValue()));
      registry.versions().recordMetrics(version.ref(), t.metrics());
      if (t == verdict.winner()) {
        registered = version;
      }
    }
    return registered;
  }

  /** Moves the champion to the winner, unless another worker moved it meanwhile. */
  private GrowthOutcome promote(
      GrowthSpec spec, Growing growing, ModelVersion winner, Verdict verdict) {
    Failpoints.reach("registration");
    AliasMoveResult moved =
        registry
            .aliases()
            .move(
                AliasName.CHAMPION,
                winner.ref(),
                Optional.of(growing.championRef().number()),
                worker,
                spec.policy() + "/" + spec.rule() + ": " + verdict.summary());
    if (!moved.moved()) {
      LOG.warn(
          "version {} passed the gate but the champion moved meanwhile (now {}); it stays a ready version",
          winner.ref(),
          moved.current());
      return new GrowthOutcome(
          AttemptOutcome.REJECTED,
          Optional.of(winner.ref()),
          "passed the gate, but the champion moved meanwhile");
    }
    return new GrowthOutcome(
        AttemptOutcome.PROMOTED,
        Optional.of(winner.ref()),
        String.format(
            Locale.ROOT,
            "promoted version %d: %s, parameters %,d -> %,d, preservation error %.2e",
            winner.number(),
            verdict.summary(),
            growing.champion().numParams(),
            verdict.parameters(),
            verdict.winner().candidate().preservationError()));
  }

  private record Trained(Candidate candidate, TrainingLoop.Result result, List<Metric> metrics) {}

  private TrainingLoop.Settings settings(TrainingPlan plan, long seed) {
    return new TrainingLoop.Settings(
        plan.epochs(),
        plan.batchSize().orElse(defaultBatchSize),
        plan.earlyStopping().map(e -> OptionalInt.of(e.patience())).orElse(OptionalInt.empty()),
        plan.earlyStopping().map(TrainingPlan.EarlyStopping::minDelta).orElse(0.0),
        seed);
  }

  private TrainingLoop.Listener epochListener(String kind, List<Metric> metrics) {
    return report -> {
      Failpoints.reach(kind.equals("seed") ? "seed-training" : "student-training");
      meters.epoch(model.name(), report.duration(), report.samplesPerSecond());
      metrics.add(Metric.atEpoch("train", "loss", report.epoch(), report.trainLoss()));
      metrics.add(
          Metric.atEpoch("validation", "accuracy", report.epoch(), report.validation().accuracy()));
      metrics.add(Metric.atEpoch("validation", "loss", report.epoch(), report.validation().loss()));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("kind", kind);
      fields.put("epoch", report.epoch());
      fields.put("epochs", report.epochs());
      fields.put("trainLoss", report.trainLoss());
      fields.put("accuracy", report.validation().accuracy());
      fields.put("seconds", report.duration().toMillis() / 1000.0);
      fields.put("samplesPerSecond", report.samplesPerSecond());
      events.publish(DaemonEvent.of(DaemonEvent.TRAINING_EPOCH, model.name(), fields));
    };
  }

  /**
   * The engine the model's configuration chose ({@code training.engine}; in-process by default).
   */
  private TrainingEngine engine() {
    return TrainingEngines.open(model.settings().training());
  }

  private static void finalMetrics(List<Metric> metrics, ModelEvaluation evaluation) {
    metrics.add(Metric.finalValue("validation", "accuracy", evaluation.accuracy()));
    metrics.add(Metric.finalValue("validation", "loss", evaluation.loss()));
  }

  private void registerFailed(
      VersionRef parent, Candidate candidate, DatasetSnapshot snapshot, String reason) {
    LOG.warn("{} of {} failed: {}", candidate.label(), model.name(), reason);
    register(GrownVersions.failed(parent, candidate, snapshot, reason), candidate.student());
  }

  /**
   * The features of the first {@code n} rows of a source, in storage order (already standardised).
   */
  private static INDArray firstFeatures(BatchSource source, int n) {
    try (MiniBatches batches = source.inOrder(n)) {
      return batches.next().getFeatures();
    }
  }

  /**
   * Saves the model to a scratch file and registers it; the registry makes the artifact durable
   * first.
   */
  private ModelVersion register(NewVersion version, Model network) {
    Path file = null;
    try {
      Files.createDirectories(scratch);
      file = Files.createTempFile(scratch, Leftovers.scratchPrefix(), ".zip");
      ModelFiles.save(network, file);
      Path saved = file;
      normalizer.ifPresent(n -> ModelNormalizers.write(saved, n));
      return registry.versions().register(version, ArtifactSource.ofFile(file));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write a scratch file in " + scratch + ": " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a leftover scratch file is harmless; the registry holds its own copy
        }
      }
    }
  }
}
