package dev.net2net.policies.evaluate;

import static dev.net2net.policies.evaluate.Fixtures.T0;
import static dev.net2net.policies.evaluate.Fixtures.oneRule;
import static dev.net2net.policies.evaluate.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.ActionKind;
import dev.net2net.policies.model.GrowthPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each trigger against a table of signals: where it starts and stops holding, and what it reports.
 */
class TriggerTableTest {

  private static Decision decide(GrowthPolicy policy, Signals signals) {
    return Evaluator.decide(policy, signals, History.empty());
  }

  @ParameterizedTest(name = "trained on {0}, now {1}, ratio {2} -> {3}")
  @CsvSource({
    "5000, 7499, 1.5, false",
    "5000, 7500, 1.5, true",
    "5000, 5000, 1.5, false",
    "5000, 4000, 1.5, false",
    "5000, 10000, 2.0, true",
    "0, 10, 1.5, true",
    "0, 0, 1.5, false",
  })
  void datasetGrowthByRatio(long trainedOn, long now, double ratio, boolean fires) {
    Decision decision =
        decide(
            oneRule("{datasetGrowth: {ratio: " + ratio + "}}"),
            signals().rows(trainedOn, now).build());

    assertThat(decision.grows()).isEqualTo(fires);
    ConditionReport report = decision.rules().get(0).condition();
    assertThat(report.holds()).isEqualTo(fires);
    assertThat(report.threshold()).hasValue(ratio);
    if (trainedOn > 0) {
      assertThat(report.observed()).hasValue((double) now / trainedOn);
      assertThat(report.explanation()).contains("needs x");
    }
  }

  @ParameterizedTest(name = "trained on {0}, now {1}, rows {2} -> {3}")
  @CsvSource({
    "5000, 5999, 1000, false",
    "5000, 6000, 1000, true",
    "5000, 4000, 1, false",
    "0, 1, 1, true",
  })
  void datasetGrowthByRows(long trainedOn, long now, long rows, boolean fires) {
    Decision decision =
        decide(
            oneRule("{datasetGrowth: {rows: " + rows + "}}"),
            signals().rows(trainedOn, now).build());

    assertThat(decision.grows()).isEqualTo(fires);
    assertThat(decision.rules().get(0).condition().observed()).hasValue((double) (now - trainedOn));
    assertThat(decision.rules().get(0).condition().threshold()).hasValue((double) rows);
  }

  @ParameterizedTest(name = "{0} {1} over 2, minDelta {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "accuracy | 0.80 0.81 0.82     | 0.002 | false",
        "accuracy | 0.80 0.801 0.8015  | 0.002 | true",
        "accuracy | 0.85 0.84 0.83     | 0.002 | true",
        "accuracy | 0.80 0.80 0.80     | 0.0   | true",
        "accuracy | 0.80 0.80 0.8001   | 0.0   | false",
        "accuracy | 0.80 0.81         | 0.002 | false",
        "accuracy | 0.70 0.90 0.80 0.85| 0.002 | true",
        "loss     | 0.50 0.45 0.40     | 0.002 | false",
        "loss     | 0.50 0.499 0.4995  | 0.002 | true",
        "loss     | 0.50 0.55 0.60     | 0.002 | true",
      })
  void plateau(String metric, String series, double minDelta, boolean fires) {
    double[] values =
        Arrays.stream(series.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    GrowthPolicy policy =
        oneRule("{plateau: {metric: " + metric + ", minDelta: " + minDelta + ", evaluations: 2}}");

    Decision decision = decide(policy, signals().validation(metric, values).build());

    assertThat(decision.grows()).isEqualTo(fires);
    ConditionReport report = decision.rules().get(0).condition();
    if (values.length < 3) {
      assertThat(report.explanation()).contains("needs 3");
      assertThat(report.observed()).isEmpty();
    } else {
      assertThat(report.threshold()).hasValue(minDelta);
      assertThat(report.explanation()).contains("validation " + metric);
    }
  }

  @Test
  void plateauReadsOnlyTheSplitItNames() {
    GrowthPolicy policy = oneRule("{plateau: {metric: loss, split: train, evaluations: 1}}");
    Signals validationOnly = signals().validation("loss", 0.5, 0.5, 0.5).build();
    Signals trainFlat =
        signals()
            .evaluation(Map.of("loss", 0.4), Map.of("loss", 0.9))
            .evaluation(Map.of("loss", 0.4), Map.of("loss", 0.1))
            .build();

    assertThat(decide(policy, validationOnly).grows()).isFalse();
    assertThat(decide(policy, trainFlat).grows()).isTrue();
  }

  @ParameterizedTest(name = "{0}: train {1}, validation {2} -> {3}")
  @CsvSource({
    "accuracy, 0.85, 0.84, true",
    "accuracy, 0.95, 0.85, false",
    "accuracy, 0.92, 0.91, false",
    "accuracy, 0.90, 0.90, false",
    "accuracy, 0.80, 0.83, true",
    "loss, 0.50, 0.52, true",
    "loss, 0.30, 0.50, false",
    "loss, 0.20, 0.25, false",
  })
  void underfitting(String metric, double train, double validation, boolean fires) {
    String bounds =
        metric.equals("accuracy") ? "maxGap: 0.02, target: 0.9" : "maxGap: 0.05, target: 0.3";
    GrowthPolicy policy = oneRule("{underfitting: {metric: " + metric + ", " + bounds + "}}");

    Decision decision =
        decide(
            policy,
            signals().evaluation(Map.of(metric, train), Map.of(metric, validation)).build());

    assertThat(decision.grows()).isEqualTo(fires);
    assertThat(decision.rules().get(0).condition().explanation())
        .contains("gap")
        .contains("target");
  }

  @Test
  void underfittingUsesTheLatestEvaluationWithBothSplits() {
    GrowthPolicy policy = oneRule("{underfitting: {metric: accuracy, maxGap: 0.02, target: 0.9}}");
    Signals signals =
        signals()
            .evaluation(Map.of("accuracy", 0.85), Map.of("accuracy", 0.84))
            .evaluation(Map.of(), Map.of("accuracy", 0.70))
            .build();
    Signals neverBoth = signals().validation("accuracy", 0.8, 0.8).build();

    assertThat(decide(policy, signals).grows()).isTrue();
    assertThat(decide(policy, neverBoth).rules().get(0).condition().explanation())
        .contains("no evaluation of the champion has both train and validation accuracy");
  }

  @ParameterizedTest(name = "last attempt of this rule {0}, other rule {1}, now +{2}m -> {3}")
  @CsvSource({
    "none, none, 59, false",
    "none, none, 60, true",
    "30, none, 89, false",
    "30, none, 90, true",
    "none, 50, 60, true",
    "-30, none, 60, true",
  })
  void schedule(String ownAttemptMinute, String otherAttemptMinute, long nowMinute, boolean fires) {
    GrowthPolicy policy =
        Fixtures.policy(
            """
            - name: r
              when: {schedule: {every: 1h}}
              action: {widen: {factor: 1.5}}
            - name: other
              when: {manual: true}
              action: {deepen: {after: last-hidden}}
        """,
            "");
    History history = History.empty();
    for (String[] attempt :
        List.of(new String[] {ownAttemptMinute, "r"}, new String[] {otherAttemptMinute, "other"})) {
      if (!attempt[0].equals("none")) {
        var start = T0.plus(Duration.ofMinutes(Long.parseLong(attempt[0])));
        history =
            history.withAttempt(
                new GrowthAttempt(
                    start,
                    Optional.of(start),
                    attempt[1],
                    ActionKind.WIDEN,
                    AttemptOutcome.REJECTED));
      }
    }

    Decision decision =
        Evaluator.decide(
            policy,
            signals().now(T0.plus(Duration.ofMinutes(nowMinute))).championTrainedAt(T0).build(),
            history);

    assertThat(decision.rule("r").orElseThrow().condition().holds()).isEqualTo(fires);
    assertThat(decision.rule("r").orElseThrow().condition().threshold()).hasValue(3600.0);
  }

  @ParameterizedTest(name = "request {0} -> {1}")
  @CsvSource({
    "none, false",
    "any, true",
    "r, true",
    "someone-else, false",
  })
  void manualRequest(String request, boolean fires) {
    Fixtures.SignalsBuilder signals = signals();
    if (request.equals("any")) {
      signals.manual(ManualRequest.anyRule(T0));
    } else if (!request.equals("none")) {
      signals.manual(new ManualRequest(T0, Optional.of(request)));
    }

    Decision decision = decide(oneRule("{manual: true}"), signals.build());

    assertThat(decision.grows()).isEqualTo(fires);
    assertThat(decision.consumesManualRequest()).isEqualTo(fires);
  }
}
