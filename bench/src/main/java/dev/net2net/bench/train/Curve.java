package dev.net2net.bench.train;

import java.util.List;

/**
 * Validation accuracy of one training run at its evaluation points.
 *
 * @param group the model family (mlp, inception)
 * @param arm how the starting network was made (net2net, random-pad, random-init, ...)
 * @param seed the run's seed
 * @param points the measurements, the starting network first (epoch 0)
 */
public record Curve(String group, String arm, long seed, List<Curve.Point> points) {

  /**
   * @param epoch training epochs done (fractional between epoch ends)
   * @param wallSeconds wall-clock training time so far, including the transform that made the
   *     network and excluding evaluations and the teacher's training
   * @param cpuSeconds the process's CPU time for the same (less sensitive to other load on the
   *     machine)
   */
  public record Point(
      double epoch,
      long examples,
      double wallSeconds,
      double cpuSeconds,
      double accuracy,
      double loss) {}

  public Curve {
    points = List.copyOf(points);
  }

  public Point last() {
    return points.get(points.size() - 1);
  }

  /**
   * The training examples per epoch (the size of the run's training set, rounded to its batches),
   * from the last point; 0 for a curve with no training.
   */
  public long examplesPerEpoch() {
    Point p = last();
    return p.epoch() > 0 ? Math.round(p.examples() / p.epoch()) : 0;
  }

  /** The first point whose accuracy is at least {@code accuracy}, or null if none is. */
  public Point firstReaching(double accuracy) {
    for (Point p : points) {
      if (p.accuracy() >= accuracy) {
        return p;
      }
    }
    return null;
  }
}
