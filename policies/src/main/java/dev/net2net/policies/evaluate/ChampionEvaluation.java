package dev.net2net.policies.evaluate;

import dev.net2net.policies.model.Split;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One evaluation of the champion: when, and the value of each metric on the training and the
 * validation split. A metric that was not measured is simply absent.
 */
public record ChampionEvaluation(
    Instant at, Map<String, Double> train, Map<String, Double> validation) {

  public ChampionEvaluation {
    Objects.requireNonNull(at, "at");
    train = Map.copyOf(train);
    validation = Map.copyOf(validation);
    requireFinite(train);
    requireFinite(validation);
  }

  private static void requireFinite(Map<String, Double> values) {
    values.forEach(
        (metric, value) -> {
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                "metric " + metric + " is " + value + "; record only measured values");
          }
        });
  }

  public OptionalDouble value(Split split, String metric) {
    Double value = (split == Split.TRAIN ? train : validation).get(metric);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
