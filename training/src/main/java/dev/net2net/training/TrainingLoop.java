package dev.net2net.training;

import dev.net2net.training.engine.InProcessEngine;
import dev.net2net.training.engine.TrainingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The loop the daemon trains with: shuffled mini-batches, an evaluation on the held-out set before
 * training and after each epoch, early stopping on validation accuracy (the best weights are kept,
 * which may be the starting ones: a grown student starts exactly as good as its champion, and
 * training that makes it worse is undone), NaN and out-of-memory turned into a {@link
 * TrainingFailedException}, cancellation between batches, and a report per epoch for progress and
 * metrics. The epochs themselves run on a {@link TrainingEngine}: in this process by default, or
 * data-parallel elsewhere (Spark). Training and inference run in DL4J workspaces (memory reused
 * from batch to batch) whatever the model's configuration said: a model imported with them off is
 * switched on.
 */
public final class TrainingLoop {

  /**
   * The batch size a training plan or a seed gets when it names none: the fastest measured for the
   * daemon's models in {@code bench/run throughput} (docs/results/throughput.md).
   */
  public static final int DEFAULT_BATCH_SIZE = 128;

  /**
   * @param patience stop after this many epochs without an improvement of at least {@code minDelta}
   */
  public record Settings(
      int epochs, int batchSize, OptionalInt patience, double minDelta, long seed) {
    public Settings {
      if (epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("epochs and batch size must be positive");
      }
      if (patience.isPresent() && patience.getAsInt() < 1) {
        throw new IllegalArgumentException("patience must be positive");
      }
      if (!(minDelta >= 0)) {
        throw new IllegalArgumentException("minDelta must be >= 0");
      }
    }

    public static Settings of(int epochs, int batchSize) {
      return new Settings(epochs, batchSize, OptionalInt.empty(), 0, 0);
    }
  }

  /** One finished epoch. */
  public record EpochReport(
      int epoch,
      int epochs,
      double trainLoss,
      ModelEvaluation validation,
      Duration duration,
      double samplesPerSecond) {}

  /** Told after every epoch; called on the training thread. */
  public interface Listener {
    void epoch(EpochReport report);

    static Listener none() {
      return report -> {};
    }
  }

  /**
   * @param best the validation measurement of the weights the model holds now (the best epoch's, or
   *     the starting weights if no epoch beat them: {@code bestEpoch} 0)
   * @param stopReason why training ended
   */
  public record Result(
      List<EpochReport> epochs, int bestEpoch, ModelEvaluation best, String stopReason) {
    public Result {
      epochs = List.copyOf(epochs);
    }

    public double meanSamplesPerSecond() {
      return epochs.stream().mapToDouble(EpochReport::samplesPerSecond).average().orElse(0);
    }
  }

  private TrainingLoop() {}

  /** Trains in this process ({@link InProcessEngine}). */
  public static Result train(
      Model model,
      BatchSource train,
      BatchSource validation,
      Settings settings,
      Listener listener,
      BooleanSupplier cancelled) {
    return train(
        InProcessEngine.instance(), model, train, validation, settings, listener, cancelled);
  }

  /**
   * Trains with {@code engine} running the epochs; the evaluations, early stopping and restoring of
   * the best weights are the same for every engine.
   */
  public static Result train(
      TrainingEngine engine,
      Model model,
      BatchSource train,
      BatchSource validation,
      Settings settings,
      Listener listener,
      BooleanSupplier cancelled) {
    try (TrainingEngine.Epochs epochs = engine.start(model, train, settings, cancelled)) {
      return train(epochs, model, train, validation, settings, listener);
    }
  }

  private static Result train(
      TrainingEngine.Epochs epochs,
      Model model,
      BatchSource train,
      BatchSource validation,
      Settings settings,
      Listener listener) {
    if (train.rows() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    useWorkspaces(model);
    List<EpochReport> reports = new ArrayList<>();
    ModelEvaluation best = Evaluations.evaluate(model, validation);
    INDArray bestParams = model.params().dup();
    int bestEpoch = 0;
    int sinceImprovement = 0;
    String stop = "ran all " + settings.epochs() + " epochs";
    Random random = new Random(settings.seed());
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      long started = System.nanoTime();
      double trainLoss = epochs.run(epoch, random);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      ModelEvaluation evaluation = Evaluations.evaluate(model, validation);
      EpochReport report =
          new EpochReport(
              epoch,
              settings.epochs(),
              trainLoss,
              evaluation,
              took,
              train.rows() / Math.max(1e-9, took.toNanos() / 1e9));
      reports.add(report);
      listener.epoch(report);
      if (evaluation.accuracy() > best.accuracy() + settings.minDelta()) {
        best = evaluation;
        bestEpoch = epoch;
        bestParams = model.params().dup();
        sinceImprovement = 0;
      } else {
        sinceImprovement++;
        if (settings.patience().isPresent() && sinceImprovement >= settings.patience().getAsInt()) {
          stop =
              "stopped early after epoch "
                  + epoch
                  + ": no improvement of "
                  + settings.minDelta()
                  + " in "
                  + sinceImprovement
                  + " epoch(s)";
          break;
        }
      }
    }
    if (bestEpoch != reports.size()) {
      model.setParams(bestParams);
    }
    return new Result(reports, bestEpoch, best, stop);
  }

  /** Workspaces on for training and inference (DL4J reads the modes at every fit and output). */
  static void useWorkspaces(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      net.getLayerWiseConfigurations().setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
      net.getLayerWiseConfigurations().setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
    } else if (model instanceof ComputationGraph graph) {
      graph.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.ENABLED);
      graph.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }
  }

  /**
   * One training step on one mini-batch: the loss, or a {@link TrainingFailedException} for a
   * non-finite loss or an out-of-memory error, naming the epoch and batch.
   */
  public static double fitBatch(Model model, DataSet batch, int epoch, int index) {
    try {
      if (model instanceof MultiLayerNetwork net) {
        net.fit(batch);
      } else {
        ((ComputationGraph) model).fit(batch);
      }
    } catch (OutOfMemoryError e) {
      throw new TrainingFailedException("out of memory in epoch " + epoch + ", batch " + index, e);
    }
    double loss = model.score();
    if (!Double.isFinite(loss)) {
      throw new TrainingFailedException(
          "the loss became " + loss + " in epoch " + epoch + ", batch " + index);
    }
    return loss;
  }
}
