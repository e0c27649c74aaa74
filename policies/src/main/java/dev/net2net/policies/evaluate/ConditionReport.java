package dev.net2net.policies.evaluate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a condition holds or not: the signal value it saw and the threshold it compared it with (for
 * triggers), or its parts (for all/any), and a sentence saying so.
 *
 * @param condition the condition's keyword (datasetGrowth, plateau, all, ...)
 * @param holds whether it holds now
 * @param observed the signal value compared, if the trigger compares one
 * @param threshold the value it was compared with
 * @param explanation a sentence with the values and the rule applied
 * @param parts the reports of an all/any's conditions, in order
 */
public record ConditionReport(
    String condition,
    boolean holds,
    Optional<Double> observed,
    Optional<Double> threshold,
    String explanation,
    List<ConditionReport> parts) {

  public ConditionReport {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(explanation, "explanation");
    parts = List.copyOf(parts);
  }

  static ConditionReport leaf(
      String condition, boolean holds, double observed, double threshold, String explanation) {
    return new ConditionReport(
        condition, holds, Optional.of(observed), Optional.of(threshold), explanation, List.of());
  }

  static ConditionReport leaf(String condition, boolean holds, String explanation) {
    return new ConditionReport(
        condition, holds, Optional.empty(), Optional.empty(), explanation, List.of());
  }

  /** Whether a manual request is among the reasons this condition holds. */
  public boolean holdsThroughManualRequest() {
    if (!holds) {
      return false;
    }
    if (condition.equals("manual")) {
      return true;
    }
    return parts.stream().anyMatch(ConditionReport::holdsThroughManualRequest);
  }
}
