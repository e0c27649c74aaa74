package dev.net2net.policies.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What must be true of the signals for a rule to fire. Leaves are triggers on one signal; {@link
 * AllOf} and {@link AnyOf} combine them.
 */
public sealed interface Condition {

  /** The key that introduces this condition in a policy file. */
  String keyword();

  /** The dataset has grown to at least {@code ratio} times the rows the champion was trained on. */
  record DatasetGrowthRatio(double ratio) implements Condition {
    public DatasetGrowthRatio {
      if (!(ratio > 1.0) || !Double.isFinite(ratio)) {
        throw new IllegalArgumentException(
            "growth ratio must be a finite number above 1, got " + ratio);
      }
    }

    @Override
    public String keyword() {
      return "datasetGrowth";
    }
  }

  /** The dataset has at least {@code rows} more rows than the champion was trained on. */
  record DatasetGrowthRows(long rows) implements Condition {
    public DatasetGrowthRows {
      if (rows < 1) {
        throw new IllegalArgumentException("row growth must be at least 1, got " + rows);
      }
    }

    @Override
    public String keyword() {
      return "datasetGrowth";
    }
  }

  /**
   * The champion's metric has stopped improving: the best of its last {@code evaluations}
   * evaluations beats the best before them by no more than {@code minDelta} (the Keras
   * EarlyStopping convention).
   */
  record Plateau(MetricRef metric, double minDelta, int evaluations) implements Condition {
    public Plateau {
      Objects.requireNonNull(metric, "metric");
      if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
        throw new IllegalArgumentException(
            "minDelta must be a finite number >= 0, got " + minDelta);
      }
      if (evaluations < 1) {
        throw new IllegalArgumentException("evaluations must be at least 1, got " + evaluations);
      }
    }

    @Override
    public String keyword() {
      return "plateau";
    }
  }

  /**
   * The model fits its training data no better than its validation data (gap at most {@code
   * maxGap}) and has not reached {@code target}: it lacks capacity rather than data.
   */
  record Underfitting(String metric, Mode mode, double maxGap, double target) implements Condition {
    public Underfitting {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(mode, "mode");
      if (!MetricRef.NAME.matcher(metric).matches()) {
        throw new IllegalArgumentException(
            "metric name must match " + MetricRef.NAME + ", got '" + metric + "'");
      }
      if (!(maxGap >= 0) || !Double.isFinite(maxGap)) {
        throw new IllegalArgumentException("maxGap must be a finite number >= 0, got " + maxGap);
      }
      if (!Double.isFinite(target)) {
        throw new IllegalArgumentException("target must be finite, got " + target);
      }
    }

    @Override
    public String keyword() {
      return "underfitting";
    }
  }

  /**
   * A period has passed since this rule last caused an attempt (or since the champion was trained).
   */
  record Schedule(Duration every) implements Condition {
    public Schedule {
      Objects.requireNonNull(every, "every");
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("schedule period must be positive, got " + every);
      }
    }

    @Override
    public String keyword() {
      return "schedule";
    }
  }

  /** An operator has asked for a growth (for this rule, or for any rule of the model). */
  record ManualRequest() implements Condition {
    @Override
    public String keyword() {
      return "manual";
    }
  }

  /** Every condition holds. */
  record AllOf(List<Condition> conditions) implements Condition {
    public AllOf {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("all: needs at least one condition");
      }
    }

    @Override
    public String keyword() {
      return "all";
    }
  }

  /** At least one condition holds. */
  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("any: needs at least one condition");
      }
    }

    @Override
    public String keyword() {
      return "any";
    }
  }

  /** Whether a manual-request leaf appears anywhere in this condition. */
  default boolean mentionsManualRequest() {
    if (this instanceof ManualRequest) {
      return true;
    }
    if (this instanceof AllOf all) {
      return all.conditions().stream().anyMatch(Condition::mentionsManualRequest);
    }
    if (this instanceof AnyOf any) {
      return any.conditions().stream().anyMatch(Condition::mentionsManualRequest);
    }
    return false;
  }
}
