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
    }
    return new Curve(group, arm, seed, points);
  }
}
