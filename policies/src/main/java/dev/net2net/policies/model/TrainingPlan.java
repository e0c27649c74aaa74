package dev.net2net.policies.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a grown candidate is trained before it is judged. Net2Net's grown model starts where the
 * champion is, so it continues from a fraction of the champion's learning rate, moving as its
 * {@link ContinuationPlan} says.
 */
public record TrainingPlan(
    double learningRateScale,
    int epochs,
    OptionalInt batchSize,
    Optional<EarlyStopping> earlyStopping,
    ContinuationPlan continuation) {

  /**
   * The default start of a candidate's round: the champion's own rate, decayed by the default
   * cosine continuation (the paper's 0.1 held constant did worse; docs/results/conv-growth.md).
   */
  public static final double DEFAULT_LEARNING_RATE_SCALE = 1.0;

  public static final int DEFAULT_EPOCHS = 5;

  /** A plan with the default continuation. */
  public TrainingPlan(
      double learningRateScale,
      int epochs,
      OptionalInt batchSize,
      Optional<EarlyStopping> earlyStopping) {
    this(learningRateScale, epochs, batchSize, earlyStopping, ContinuationPlan.defaults());
  }

  public TrainingPlan {
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(batchSize, "batchSize");
    Objects.requireNonNull(earlyStopping, "earlyStopping");
    if (!(learningRateScale > 0) || learningRateScale > 1) {
      throw new IllegalArgumentException(
          "learningRateScale must be above 0 and at most 1, got " + learningRateScale);
    }
    if (epochs < 1 || epochs > 1000) {
      throw new IllegalArgumentException("epochs must be between 1 and 1000, got " + epochs);
    }
    batchSize.ifPresent(
        size -> {
          if (size < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + size);
          }
        });
  }

  public static TrainingPlan defaults() {
    return new TrainingPlan(
        DEFAULT_LEARNING_RATE_SCALE, DEFAULT_EPOCHS, OptionalInt.empty(), Optional.empty());
  }

  /**
   * Stop training when the gate's metric has not improved by {@code minDelta} for {@code patience}
   * epochs.
   */
  public record EarlyStopping(int patience, double minDelta) {
    public EarlyStopping {
      if (patience < 1) {
        throw new IllegalArgumentException("patience must be at least 1, got " + patience);
      }
      if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
        throw new IllegalArgumentException(
            "minDelta must be a finite number >= 0, got " + minDelta);
      }
    }
  }

  public String describe() {
    return "train "
        + epochs
        + " epoch"
        + (epochs == 1 ? "" : "s")
        + " at x"
        + Numbers.format(learningRateScale)
        + " learning rate"
        + batchSize.stream().mapToObj(b -> ", batch " + b).findFirst().orElse("")
        + earlyStopping
            .map(
                e ->
                    ", stop early after "
                        + e.patience()
                        + " without "
                        + Numbers.format(e.minDelta())
                        + " gain")
            .orElse("")
        + ", "
        + continuation.describe();
  }
}
