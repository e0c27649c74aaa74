package dev.net2net.policies.evaluate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon knows about a model at one moment. {@code now} is passed in rather than read from
 * a clock, so a decision can be replayed exactly.
 *
 * @param now the moment of the decision
 * @param model the model these signals are about
 * @param datasetRows rows in the dataset now
 * @param championRows rows the champion was trained on
 * @param championTrainedAt when the champion finished training (schedules count from it)
 * @param championEvaluations the champion's evaluations since it became champion, oldest first
 * @param championParameters the champion's parameter count
 * @param manualRequest an operator's pending request to grow, if any
 */
public record Signals(
    Instant now,
    String model,
    long datasetRows,
    long championRows,
    Instant championTrainedAt,
    List<ChampionEvaluation> championEvaluations,
    long championParameters,
    Optional<ManualRequest> manualRequest) {

  public Signals {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(championTrainedAt, "championTrainedAt");
    championEvaluations = List.copyOf(championEvaluations);
    Objects.requireNonNull(manualRequest, "manualRequest");
    if (datasetRows < 0 || championRows < 0 || championParameters < 0) {
      throw new IllegalArgumentException(
          "row and parameter counts cannot be negative: datasetRows="
              + datasetRows
              + ", championRows="
              + championRows
              + ", championParameters="
              + championParameters);
    }
    for (int i = 1; i < championEvaluations.size(); i++) {
      if (championEvaluations.get(i).at().isBefore(championEvaluations.get(i - 1).at())) {
        throw new IllegalArgumentException(
            "champion evaluations must be oldest first; evaluation "
                + i
                + " at "
                + championEvaluations.get(i).at()
                + " precedes "
                + championEvaluations.get(i - 1).at());
      }
    }
  }
}
