package dev.net2net.bench.train;

import dev.net2net.daemon.train.Evaluations;
import dev.net2net.daemon.train.Examples;
import dev.net2net.daemon.train.ModelEvaluation;
import dev.net2net.daemon.train.TrainingFailedException;
import dev.net2net.daemon.train.TrainingLoop.EpochReport;
import dev.net2net.daemon.train.TrainingLoop.Listener;
import dev.net2net.daemon.train.TrainingLoop.Result;
import dev.net2net.daemon.train.TrainingLoop.Settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The daemon's training loop as it was before it was tuned for throughput (commit 6fd0823), kept verbatim
 * so that the throughput benchmark measures "before" and "after" in the same run: a plain DL4J loop that
 * gathers each shuffled mini-batch with {@code getRows} and calls {@code fit(DataSet)}.
 *
 * <p>Original description: the loop the daemon trains with: shuffled mini-batches, an evaluation on the held-out set before
 * training and after each epoch, early stopping on validation accuracy (the best weights are kept,
 * which may be the starting ones: a grown student starts exactly as good as its champion, and
 * training that makes it worse is undone), NaN and
 * out-of-memory turned into a {@link TrainingFailedException}, cancellation between batches, and a
 * report per epoch for progress and metrics.
 */
public final class PlainLoop {

  private PlainLoop() {}

  public static Result train(Model model, Examples train, Examples validation, Settings settings, Listener listener,
      BooleanSupplier cancelled) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    List<EpochReport> reports = new ArrayList<>();
    ModelEvaluation best = Evaluations.evaluate(model, validation);
    INDArray bestParams = model.params().dup();
    int bestEpoch = 0;
    int sinceImprovement = 0;
    String stop = "ran all " + settings.epochs() + " epochs";
    Random random = new Random(settings.seed());
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      long started = System.nanoTime();
      double lossSum = 0;
      int batches = 0;
      int[] order = permutation(train.size(), random);
      for (int from = 0; from < order.length; from += settings.batchSize()) {
        if (cancelled.getAsBoolean()) {
          throw new java.util.concurrent.CancellationException("training cancelled in epoch " + epoch);
        }
        int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + settings.batchSize()));
        DataSet data = new DataSet(train.features().getRows(batch), train.labels().getRows(batch));
        double loss = fit(model, data, epoch, batches + 1);
        lossSum += loss;
        batches++;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      ModelEvaluation evaluation = Evaluations.evaluate(model, validation);
      EpochReport report = new EpochReport(epoch, settings.epochs(), lossSum / batches, evaluation, took,
          train.size() / Math.max(1e-9, took.toNanos() / 1e9));
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
          stop = "stopped early after epoch " + epoch + ": no improvement of " + settings.minDelta() + " in "
              + sinceImprovement + " epoch(s)";
          break;
        }
      }
    }
    if (bestEpoch != reports.size()) {
      model.setParams(bestParams);
    }
    return new Result(reports, bestEpoch, best, stop);
  }

  private static double fit(Model model, DataSet batch, int epoch, int index) {
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
      throw new TrainingFailedException("the loss became " + loss + " in epoch " + epoch + ", batch " + index);
    }
    return loss;
  }

  private static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

}
