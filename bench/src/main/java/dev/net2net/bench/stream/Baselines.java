package dev.net2net.bench.stream;

import dev.net2net.baseline.RandomInit;
import dev.net2net.bench.Experiment;
import dev.net2net.continuation.LearningRates;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelFiles;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.training.CachedSource;
import dev.net2net.training.Evaluations;
import dev.net2net.training.Examples;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.training.TrainingLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Arms (b) and (c), replayed on the daemon's stream after it ran: at each of its growth jobs, on
 * the data that job saw and with that job's training plan (epochs, batch size, early stopping),
 * through the daemon's own training loop and data path ({@link TrainingLoop}, {@link
 * CachedSource}). Both start from the daemon's seed version, so all three arms share their first
 * point, and both keep a round's model only if it passes the policy's promotion gate against the
 * model they serve (as the daemon does, and as TFX's evaluator blesses a model only if it beats the
 * baseline).
 */
final class Baselines {
  private Baselines() {}

  /**
   * (b) TFX-style: at each growth job, the architecture of the daemon's champion after the job
   * (grown, or unchanged when the gate rejected the growth) from fresh random weights, trained on
   * all the data so far at the seed's learning rate (a version may have been saved with another).
   */
  static ArmCurve retrain(
      StreamSettings settings,
      long seed,
      DaemonArm.Run run,
      Registry registry,
      LabeledImages validation) {
    Served served = Served.start(registry, run, validation);
    List<ArmCurve.Point> points = new ArrayList<>(List.of(served.point("seed", run)));
    double seconds = run.seeded().seconds();
    for (DaemonArm.Growth g : run.growths()) {
      Model architecture = load(registry, g.championAfter());
      // From scratch means at the seed's rate, whatever rate the grown version was saved with.
      Rates.set(architecture, settings.seedRate());
      Model fresh = RandomInit.like(architecture, seed * 1_000 + g.index());
      double took = train(fresh, g, 1.0, validation, served, seed);
      seconds += took;
      points.add(
          new ArmCurve.Point(
              seconds,
              served.evaluation.accuracy(),
              "retrain v" + g.championAfter().number() + " architecture",
              served.parameters,
              g.data().trainingRows()));
      log(settings, seed, ArmCurve.RETRAIN, g, took, served);
    }
    return new ArmCurve(settings.label(), seed, ArmCurve.RETRAIN, points);
  }

  /**
   * (c) The seed's architecture only: at each growth job, the served model trained further on all
   * the data so far, at the policy's reduced rate (as a grown student of the daemon continues).
   */
  static ArmCurve fineTune(
      StreamSettings settings,
      long seed,
      DaemonArm.Run run,
      Registry registry,
      LabeledImages validation) {
    Served served = Served.start(registry, run, validation);
    List<ArmCurve.Point> points = new ArrayList<>(List.of(served.point("seed", run)));
    double seconds = run.seeded().seconds();
    for (DaemonArm.Growth g : run.growths()) {
      Model candidate = copy(served.model);
      double took = train(candidate, g, g.plan().learningRateScale(), validation, served, seed);
      seconds += took;
      points.add(
          new ArmCurve.Point(
              seconds,
              served.evaluation.accuracy(),
              "fine-tune",
              served.parameters,
              g.data().trainingRows()));
      log(settings, seed, ArmCurve.FINE_TUNE, g, took, served);
    }
    return new ArmCurve(settings.label(), seed, ArmCurve.FINE_TUNE, points);
  }

  /** The model an arm serves and its measurement. */
  private static final class Served {
    Model model;
    ModelEvaluation evaluation;
    long parameters;

    static Served start(Registry registry, DaemonArm.Run run, LabeledImages validation) {
      Served s = new Served();
      s.model = load(registry, run.seeded().version());
      s.evaluation = Evaluations.evaluate(s.model, Examples.forModel(s.model, validation));
      s.parameters = s.model.numParams();
      return s;
    }

    ArmCurve.Point point(String round, DaemonArm.Run run) {
      return new ArmCurve.Point(
          run.seeded().seconds(),
          evaluation.accuracy(),
          round,
          parameters,
          run.seeded().data().trainingRows());
    }
  }

  /**
   * Trains {@code model} on the job's data with the job's plan at {@code rateScale} of its rate,
   * and serves it if it passes the gate; returns the wall time (training and its evaluations).
   */
  private static double train(
      Model model,
      DaemonArm.Growth g,
      double rateScale,
      LabeledImages validation,
      Served served,
      long seed) {
    TrainingPlan plan = g.plan();
    long started = System.nanoTime();
    if (rateScale != 1.0) {
      LearningRates.scale(model, rateScale);
    }
    TrainingLoop.Result result =
        TrainingLoop.train(
            model,
            CachedSource.training(model, g.data().shards(), Optional.empty()),
            Examples.forModel(model, validation),
            new TrainingLoop.Settings(
                plan.epochs(),
                plan.batchSize().orElse(TrainingLoop.DEFAULT_BATCH_SIZE),
                plan.earlyStopping()
                    .map(e -> OptionalInt.of(e.patience()))
                    .orElse(OptionalInt.empty()),
                plan.earlyStopping().map(TrainingPlan.EarlyStopping::minDelta).orElse(0.0),
                seed * 1_000 + g.index()),
            TrainingLoop.Listener.none(),
            () -> false);
    if (rateScale != 1.0) {
      LearningRates.scale(model, 1.0 / rateScale);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PromotionGate gate = g.gate();
    String metric = gate.metric().name();
    if (gate.passes(result.best().metric(metric), served.evaluation.metric(metric))
        && (gate.maxParameters().isEmpty()
            || model.numParams() <= gate.maxParameters().getAsLong())) {
      served.model = model;
      served.evaluation = result.best();
      served.parameters = model.numParams();
    }
    return seconds;
  }

  private static Model load(Registry registry, VersionRef ref) {
    return ModelFiles.load(registry.versions().verifiedArtifactPath(ref));
  }

  private static Model copy(Model model) {
    return model instanceof MultiLayerNetwork net
        ? net.clone()
        : ((ComputationGraph) model).clone();
  }

  private static void log(
      StreamSettings settings,
      long seed,
      String arm,
      DaemonArm.Growth g,
      double seconds,
      Served served) {
    Experiment.log(
        String.format(
            Locale.ROOT,
            "%s seed %d %s at growth %d (%d rows): %.1f s, serving accuracy %.4f",
            settings.label(),
            seed,
            arm,
            g.index(),
            g.data().trainingRows(),
            seconds,
            served.evaluation.accuracy()));
  }
}
