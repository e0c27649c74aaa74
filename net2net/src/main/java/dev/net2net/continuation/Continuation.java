package dev.net2net.continuation;

/**
 * How the student continues training after a transform.
 *
 * <p>The student's learning rate is fixed at {@code learningRateScale} times the teacher's current
 * rate (its schedule evaluated at the teacher's iteration and epoch): the paper continues "at the
 * end of the teacher's schedule", and the public reproductions at a tenth of the teacher's rate. A
 * schedule is not restarted, because restarting it would jump back to its initial, large rate.
 *
 * @param learningRateScale factor on the teacher's current learning rate, in (0, 1e3]
 * @param optimizerState whether the teacher's optimizer state is carried or reset
 */
public record Continuation(double learningRateScale, OptimizerState optimizerState) {
  public Continuation {
    if (!(learningRateScale > 0) || learningRateScale > 1e3 || Double.isNaN(learningRateScale)) {
      throw new IllegalArgumentException(
          "learning-rate scale must be in (0, 1000], got " + learningRateScale);
    }
    if (optimizerState == null) {
      throw new IllegalArgumentException("optimizer state policy is required");
    }
  }

  /**
   * The teacher's current rate, optimizer state reset: a transform that changes nothing about
   * training.
   */
  public static Continuation unchanged() {
    return new Continuation(1.0, OptimizerState.RESET);
  }

  /** A tenth of the teacher's rate, optimizer state reset: the public reproductions' choice. */
  public static Continuation reducedRate() {
    return new Continuation(0.1, OptimizerState.RESET);
  }

  public Continuation withLearningRateScale(double scale) {
    return new Continuation(scale, optimizerState);
  }

  public Continuation withOptimizerState(OptimizerState state) {
    return new Continuation(learningRateScale, state);
  }
}
