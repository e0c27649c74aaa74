package dev.net2net.report;

import java.util.List;

/**
 * The measured difference between teacher and student outputs on the same inputs: the maximum
 * absolute difference over every example and every output unit (never a signed sum, which would let
 * errors cancel).
 *
 * @param maxAbsDifference the largest absolute difference of any output value
 * @param perOutput the same, per network output
 * @param examples how many input examples were compared
 */
public record OutputDifference(double maxAbsDifference, List<Double> perOutput, long examples) {
  public OutputDifference {
    perOutput = List.copyOf(perOutput);
    if (Double.isNaN(maxAbsDifference) || maxAbsDifference < 0) {
      throw new IllegalArgumentException(
          "difference must be a non-negative number, got " + maxAbsDifference);
    }
  }

  public boolean within(double tolerance) {
    return maxAbsDifference <= tolerance;
  }
}
