package dev.net2net.continuation;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A {@link RateSchedule} as DL4J's updaters evaluate it: the rate at a network's iteration count,
 * counted from the iteration the round started at (a carried optimizer state keeps the teacher's
 * count, a reset one starts at 0). Immutable; serialisable by DL4J's JSON like its own schedules.
 */
public final class ContinuationSchedule implements ISchedule {
  private final double startRate;
  private final int startIteration;
  private final long totalSteps;
  private final Decay decay;
  private final double warmupFraction;

  public ContinuationSchedule(
      @JsonProperty("startRate") double startRate,
      @JsonProperty("startIteration") int startIteration,
      @JsonProperty("totalSteps") long totalSteps,
      @JsonProperty("decay") Decay decay,
      @JsonProperty("warmupFraction") double warmupFraction) {
    if (!(startRate >= 0) || Double.isInfinite(startRate)) {
      throw new IllegalArgumentException(
          "the starting rate must be finite and >= 0, got " + startRate);
    }
    if (totalSteps < 1) {
      throw new IllegalArgumentException("a round has at least one step, got " + totalSteps);
    }
    new RateSchedule(decay, warmupFraction);
    this.startRate = startRate;
    this.startIteration = startIteration;
    this.totalSteps = totalSteps;
    this.decay = decay;
    this.warmupFraction = warmupFraction;
  }

  public ContinuationSchedule(
      double startRate, int startIteration, long totalSteps, RateSchedule shape) {
    this(startRate, startIteration, totalSteps, shape.decay(), shape.warmupFraction());
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    return startRate * shape().factor((long) iteration - startIteration, totalSteps);
  }

  @JsonProperty("startRate")
  public double startRate() {
    return startRate;
  }

  @JsonProperty("startIteration")
  public int startIteration() {
    return startIteration;
  }

  @JsonProperty("totalSteps")
  public long totalSteps() {
    return totalSteps;
  }

  @JsonProperty("decay")
  public Decay decay() {
    return decay;
  }

  @JsonProperty("warmupFraction")
  public double warmupFraction() {
    return warmupFraction;
  }

  public RateSchedule shape() {
    return new RateSchedule(decay, warmupFraction);
  }

  @Override
  public ISchedule clone() {
    return new ContinuationSchedule(startRate, startIteration, totalSteps, decay, warmupFraction);
  }

  @Override
  public String toString() {
    return "ContinuationSchedule("
        + startRate
        + " from iteration "
        + startIteration
        + ", "
        + totalSteps
        + " steps, "
        + shape().describe()
        + ")";
  }
}
