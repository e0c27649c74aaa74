package dev.net2net.policies.simulate;

import dev.net2net.policies.evaluate.ManualRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of a recorded signal history: what the daemon saw about a model at one moment.
 *
 * @param line the row's line in its file, for messages
 * @param timestamp when it was seen
 * @param model the model it is about, if the file names models
 * @param datasetRows rows in the dataset
 * @param parameters the champion's parameter count
 * @param championRows rows the champion was trained on, if recorded
 * @param champion a label of the champion (a version), if recorded; a change means a new champion
 * @param train training-split metric values measured at this row
 * @param validation validation-split metric values measured at this row
 * @param manualRequest an operator's request made at this row
 */
public record SignalRow(
    int line,
    Instant timestamp,
    Optional<String> model,
    long datasetRows,
    long parameters,
    OptionalLong championRows,
    Optional<String> champion,
    Map<String, Double> train,
    Map<String, Double> validation,
    Optional<ManualRequest> manualRequest) {

  public SignalRow {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(championRows, "championRows");
    Objects.requireNonNull(champion, "champion");
    train = Map.copyOf(train);
    validation = Map.copyOf(validation);
    Objects.requireNonNull(manualRequest, "manualRequest");
    if (datasetRows < 0 || parameters < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  public boolean hasMetrics() {
    return !train.isEmpty() || !validation.isEmpty();
  }
}
