package dev.net2net.policies.model;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Limits on how fast and how far a model may grow, whatever the rules say. Like an HPA's scaling
 * policies, they are checked after a rule fires and can only hold growth back.
 *
 * @param cooldown least time between the end (or start) of one attempt and the start of the next
 * @param maxGrowthsPerDay attempts allowed in any trailing 24 hours
 * @param maxParameters no growth once the champion has this many parameters; a candidate above it
 *     is refused at the gate
 * @param maxConsecutiveFailures automatic rules stop after this many failed attempts in a row,
 *     until a success or a manual request
 */
public record Guards(
    Duration cooldown,
    int maxGrowthsPerDay,
    OptionalLong maxParameters,
    int maxConsecutiveFailures) {

  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_GROWTHS_PER_DAY = 24;
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

  public Guards {
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(maxParameters, "maxParameters");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, got " + cooldown);
    }
    if (maxGrowthsPerDay < 0) {
      throw new IllegalArgumentException("maxGrowthsPerDay must be >= 0, got " + maxGrowthsPerDay);
    }
    maxParameters.ifPresent(
        max -> {
          if (max < 1) {
            throw new IllegalArgumentException("maxParameters must be at least 1, got " + max);
          }
        });
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException(
          "maxConsecutiveFailures must be at least 1, got " + maxConsecutiveFailures);
    }
  }

  public static Guards defaults() {
    return new Guards(
        DEFAULT_COOLDOWN,
        DEFAULT_MAX_GROWTHS_PER_DAY,
        OptionalLong.empty(),
        DEFAULT_MAX_CONSECUTIVE_FAILURES);
  }
}
