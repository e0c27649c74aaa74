package dev.net2net.policies.model;

import java.util.Objects;

/**
 * How a grown candidate's learning rate moves over its round of training, and whether it keeps the
 * champion's optimizer state: the policy's {@code training: {continuation: ...}}. The round starts
 * from the training plan's {@code learningRateScale} times the champion's rate; {@code warmup} is
 * the fraction of the round's steps that ramp linearly up to it; then the rate stays ({@code
 * constant}) or follows half a cosine down to zero at the round's last step ({@code cosine}).
 *
 * @param schedule what the rate does after the warm-up
 * @param warmup the fraction of the round's steps spent warming up, in [0, 0.5]
 * @param optimizerState whether the champion's optimizer state is carried into the candidate
 */
public record ContinuationPlan(Schedule schedule, double warmup, OptimizerState optimizerState) {

  /** What the rate does after any warm-up. */
  public enum Schedule {
    CONSTANT("constant"),
    COSINE("cosine");

    private final String yamlName;

    Schedule(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }

  /** The champion's optimizer state (Adam's moments, momentum) in the candidate. */
  public enum OptimizerState {
    /** Zero, as in a fresh network. */
    RESET("reset"),
    /** Mapped like the parameters, with the champion's iteration count. */
    CARRY("carry");

    private final String yamlName;

    OptimizerState(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }

  public static final double MAX_WARMUP = 0.5;

  public ContinuationPlan {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(optimizerState, "optimizerState");
    if (!(warmup >= 0) || warmup > MAX_WARMUP) {
      throw new IllegalArgumentException(
          "warmup must be at least 0 and at most " + MAX_WARMUP + ", got " + warmup);
    }
  }

  /**
   * The paper's rule, and the daemon's before schedules existed: the reduced rate held constant,
   * optimizer state reset. Jobs queued without a continuation ran this way.
   */
  public static ContinuationPlan constant() {
    return new ContinuationPlan(Schedule.CONSTANT, 0, OptimizerState.RESET);
  }

  /**
   * The default, with the plan's default scale of 1: a warm restart from the champion's own rate,
   * cosine to zero over the round, optimizer state reset. It ended above the paper's constant x0.1
   * on the plateaued mini-Inception and on young MLP teachers; see {@code
   * docs/results/conv-growth.md} for the evidence and how thin it is.
   */
  public static ContinuationPlan defaults() {
    return new ContinuationPlan(Schedule.COSINE, 0, OptimizerState.RESET);
  }

  public String describe() {
    return (warmup > 0
            ? "warm-up over " + Numbers.format(warmup * 100) + "% of the steps, then "
            : "")
        + (schedule == Schedule.CONSTANT ? "constant" : "cosine to zero")
        + ", optimizer state "
        + optimizerState.yamlName();
  }
}
