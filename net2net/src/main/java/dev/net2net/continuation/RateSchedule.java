package dev.net2net.continuation;

import java.util.Objects;

/**
 * The shape of a student's learning rate over one round of continued training, as a factor on the
 * rate the transform gave it (its {@link Continuation}'s scale times the parent's rate): a linear
 * warm-up over the first {@code warmupFraction} of the planned steps, from 1/w of that rate up to
 * all of it (w warm-up steps), then the {@link Decay}.
 *
 * <p>The factor is a pure function of the step (counted from the start of the round) and the
 * planned number of steps, so that it is tested on its own ({@code RateScheduleTest}); {@link
 * ContinuationSchedule} evaluates it inside DL4J's updaters and {@link LearningRates#schedule}
 * installs it on a live network.
 *
 * @param decay constant, or a cosine to zero at the last planned step
 * @param warmupFraction the fraction of the planned steps spent warming up, in [0, 1)
 */
public record RateSchedule(Decay decay, double warmupFraction) {
  public RateSchedule {
    Objects.requireNonNull(decay, "decay");
    if (!(warmupFraction >= 0) || !(warmupFraction < 1)) {
      throw new IllegalArgumentException(
          "the warm-up fraction must be at least 0 and below 1, got " + warmupFraction);
    }
  }

  /** The paper's rule: the transform's rate, unchanged for the whole round. */
  public static RateSchedule constant() {
    return new RateSchedule(Decay.CONSTANT, 0);
  }

  public static RateSchedule cosine() {
    return new RateSchedule(Decay.COSINE, 0);
  }

  public RateSchedule withWarmup(double fraction) {
    return new RateSchedule(decay, fraction);
  }

  /** Whether every factor is 1, so that nothing needs installing. */
  public boolean isConstant() {
    return decay == Decay.CONSTANT && warmupFraction == 0;
  }

  /** The number of warm-up steps of a round of {@code totalSteps} steps. */
  public long warmupSteps(long totalSteps) {
    return Math.round(warmupFraction * totalSteps);
  }

  /**
   * The factor on the starting rate at {@code step} (0 for the round's first step) of a round
   * planned to take {@code totalSteps} steps. Steps past the plan keep the last planned step's
   * factor; steps before 0 (none happen) the first's.
   */
  public double factor(long step, long totalSteps) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("a round has at least one step, got " + totalSteps);
    }
    long s = Math.max(0, Math.min(step, totalSteps - 1));
    long warmup = warmupSteps(totalSteps);
    if (s < warmup) {
      return (s + 1) / (double) warmup;
    }
    if (decay == Decay.CONSTANT) {
      return 1;
    }
    long decaySteps = totalSteps - warmup;
    double progress = (s - warmup) / (double) decaySteps;
    return 0.5 * (1 + Math.cos(Math.PI * progress));
  }

  public String describe() {
    String shape = decay == Decay.CONSTANT ? "constant" : "cosine to zero";
    return warmupFraction == 0
        ? shape
        : "linear warm-up over "
            + Math.round(warmupFraction * 1000) / 10.0
            + "% of the steps, then "
            + shape;
  }
}
