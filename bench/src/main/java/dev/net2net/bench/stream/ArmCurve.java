package dev.net2net.bench.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one arm serves as its training time accumulates: after every training round, the validation
 * accuracy of the model it would serve (a round that does not pass the gate leaves the served model
 * as it was). Between points the arm serves its last point's model, so the curve is a step
 * function.
 *
 * @param arm {@link #DAEMON}, {@link #RETRAIN} or {@link #FINE_TUNE}
 */
record ArmCurve(String model, long seed, String arm, List<Point> points) {
  static final String DAEMON = "daemon (grown lineage)";
  static final String RETRAIN = "retrain from scratch";
  static final String FINE_TUNE = "fine-tune the seed";
  static final List<String> ARMS = List.of(DAEMON, RETRAIN, FINE_TUNE);

  /**
   * @param seconds the arm's cumulative training time when the round ended
   * @param accuracy the served model's validation accuracy from then on
   * @param round what the round was (seed, widen, deepen, ...)
   * @param parameters the served model's parameter count
   * @param rows the training rows the round saw
   */
  record Point(double seconds, double accuracy, String round, long parameters, long rows) {}

  ArmCurve {
    Objects.requireNonNull(points);
    points = List.copyOf(points);
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).seconds() < points.get(i - 1).seconds()) {
        throw new IllegalArgumentException(arm + ": time runs backwards at point " + i);
      }
    }
  }

  Point last() {
    return points.get(points.size() - 1);
  }

  double totalSeconds() {
    return last().seconds();
  }

  /**
   * The served accuracy at {@code seconds}: the last point at or before it (NaN before the first).
   */
  double servedAt(double seconds) {
    double served = Double.NaN;
    for (Point p : points) {
      if (p.seconds() > seconds) {
        break;
      }
      served = p.accuracy();
    }
    return served;
  }

  /** The first point whose accuracy reaches {@code target}, or null. */
  Point firstReaching(double target) {
    for (Point p : points) {
      if (p.accuracy() >= target) {
        return p;
      }
    }
    return null;
  }

  /**
   * The mean served accuracy over [{@code from}, {@code to}] (the area under the step curve divided
   * by the window): the arm serves its last model until {@code to}.
   */
  double meanAccuracy(double from, double to) {
    if (!(to > from)) {
      return servedAt(from);
    }
    double area = 0;
    double t = from;
    double served = servedAt(from);
    for (Point p : points) {
      if (p.seconds() <= from) {
        continue;
      }
      if (p.seconds() >= to) {
        break;
      }
      area += served * (p.seconds() - t);
      t = p.seconds();
      served = p.accuracy();
    }
    area += served * (to - t);
    return area / (to - from);
  }

  /** The step curve as x, y arrays for a line chart: a vertical step at every point. */
  double[][] steps(double until) {
    List<double[]> xy = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (i > 0) {
        xy.add(new double[] {p.seconds(), points.get(i - 1).accuracy()});
      }
      xy.add(new double[] {p.seconds(), p.accuracy()});
    }
    if (until > totalSeconds()) {
      xy.add(new double[] {until, last().accuracy()});
    }
    double[][] out = new double[2][xy.size()];
    for (int i = 0; i < xy.size(); i++) {
      out[0][i] = xy.get(i)[0];
      out[1][i] = xy.get(i)[1];
    }
    return out;
  }
}
