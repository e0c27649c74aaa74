package dev.net2net.bench.train;

import dev.net2net.training.Evaluations;
import dev.net2net.training.Examples;
import dev.net2net.training.MiniBatches;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.training.TrainingLoop;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains like the daemon's {@link TrainingLoop} (the same mini-batches and the same fit step) but
 * measures validation accuracy several times per epoch and keeps training to the end (no early
 * stopping, no restore), so that curves of different starting networks can be compared point by
 * point. Evaluations are not counted in the time.
 */
public final class CurveTrainer {
  private CurveTrainer() {}

  /** Wall and CPU seconds measured from now. */
  public static final class Clock {
    private final long wall0 = System.nanoTime();
    private final long cpu0 = cpuNanos();

    public double wall() {
      return (System.nanoTime() - wall0) / 1e9;
    }

    public double cpu() {
      return (cpuNanos() - cpu0) / 1e9;
    }
  }

  /** The process's CPU time in nanoseconds (all threads). */
  public static long cpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return System.nanoTime();
  }

  /**
   * @param startWall seconds already spent making the network (the transform), added to every point
   * @param evalsPerEpoch evaluations per epoch (at equal numbers of batches)
   */
  public static Curve train(
      String group,
      String arm,
      long seed,
      Model model,
      Examples train,
      Examples validation,
      int epochs,
      int batchSize,
      int evalsPerEpoch,
      double startWall,
      double startCpu) {
    return train(
        group,
        arm,
        seed,
        model,
        train,
        validation,
        epochs,
        batchSize,
        evalsPerEpoch,
        startWall,
        startCpu,
        0,
        0);
  }

  /**
   * As above, but with early stopping when {@code patience > 0}: training ends after the first
   * epoch whose end-of-epoch validation accuracy has not beaten the best one by more than {@code
   * minDelta} for {@code patience} epochs in a row ({@code epochs} is then the most it trains). The
   * network is left as it is at the end (the best parameters are not restored, so that its
   * optimizer state matches its parameters).
   */
  public static Curve train(
      String group,
      String arm,
      long seed,
      Model model,
      Examples train,
      Examples validation,
      int epochs,
      int batchSize,
      int evalsPerEpoch,
      double startWall,
      double startCpu,
      int patience,
      double minDelta) {
    double best = Double.NEGATIVE_INFINITY;
    int since = 0;
    List<Curve.Point> points = new ArrayList<>();
    ModelEvaluation e0 = Evaluations.evaluate(model, validation);
    points.add(new Curve.Point(0, 0, startWall, startCpu, e0.accuracy(), e0.loss()));
    int batchesPerEpoch = (train.size() + batchSize - 1) / batchSize;
    double wall = startWall;
    double cpu = startCpu;
    long examples = 0;
    java.util.Random random = new java.util.Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long t = System.nanoTime();
      long c = cpuNanos();
      int batch = 0;
      try (MiniBatches batches = train.shuffled(batchSize, random)) {
        while (batches.hasNext()) {
          DataSet data = batches.next();
          TrainingLoop.fitBatch(model, data, epoch, batch + 1);
          examples += data.numExamples();
          batch++;
          boolean evaluate =
              batch == batchesPerEpoch
                  || (evalsPerEpoch > 1
                      && batch % Math.max(1, batchesPerEpoch / evalsPerEpoch) == 0
                      && batchesPerEpoch - batch >= batchesPerEpoch / evalsPerEpoch / 2);
          if (evaluate) {
            wall += (System.nanoTime() - t) / 1e9;
            cpu += (cpuNanos() - c) / 1e9;
            ModelEvaluation e = Evaluations.evaluate(model, validation);
            points.add(
                new Curve.Point(
                    epoch - 1 + (double) batch / batchesPerEpoch,
                    examples,
                    wall,
                    cpu,
                    e.accuracy(),
                    e.loss()));
            t = System.nanoTime();
            c = cpuNanos();
          }
        }
      }
      if (patience > 0) {
        double accuracy = points.get(points.size() - 1).accuracy();
        dev.net2net.bench.Experiment.log(
            String.format(
                java.util.Locale.ROOT,
                "%s %s seed %d: epoch %d, validation accuracy %.4f, %.0f s",
                group,
                arm,
                seed,
                epoch,
                accuracy,
                wall));
        if (accuracy > best + minDelta) {
          best = accuracy;
          since = 0;
        } else if (++since >= patience) {
          break;
        }
      }
    }
    return new Curve(group, arm, seed, points);
  }
}
