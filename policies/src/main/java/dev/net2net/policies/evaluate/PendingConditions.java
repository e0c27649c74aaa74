package dev.net2net.policies.evaluate;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Since when each rule's condition has held without a break: the state a {@code for:} needs. The
 * evaluator keeps no state; it returns the next value in each {@link Decision} and the caller
 * stores it and passes it back, as Prometheus keeps an alert's pending time.
 */
public record PendingConditions(Map<String, Instant> holdingSince) {

  public PendingConditions {
    holdingSince = Map.copyOf(holdingSince);
  }

  public static PendingConditions none() {
    return new PendingConditions(Map.of());
  }

  public Optional<Instant> since(String rule) {
    return Optional.ofNullable(holdingSince.get(rule));
  }
}
