package dev.net2net.training;

/**
 * A model measured on a set of labelled examples.
 *
 * @param accuracy the fraction classified correctly
 * @param loss the mean cross-entropy (negative log-probability of the true class)
 * @param examples how many examples were measured
 */
public record ModelEvaluation(double accuracy, double loss, long examples) {
  public ModelEvaluation {
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
    }
    if (examples < 1) {
      throw new IllegalArgumentException("an evaluation needs examples");
    }
  }

  /** The value of a metric by name: accuracy, loss or error. */
  public double metric(String name) {
    return switch (name) {
      case "accuracy" -> accuracy;
      case "loss", "cross_entropy" -> loss;
      case "error", "error_rate" -> 1 - accuracy;
      default ->
          throw new IllegalArgumentException(
              "the daemon measures accuracy, loss and error, not '" + name + "'");
    };
  }
}
