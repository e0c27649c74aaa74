package dev.net2net.policies.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.evaluate.GuardKind;
import dev.net2net.policies.evaluate.RuleVerdict;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.parse.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replay plays the daemon's part faithfully: attempts, outcomes, new champions, manual
 * requests.
 */
class SimulatorTest {

  static GrowthPolicy policy(String rules, String guards) {
    String yaml =
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: sim}
        spec:
          model: m
          rules:
        %s
          guards: {%s}
        """
            .formatted(rules.stripTrailing(), guards);
    return PolicyLoader.parse("sim.yaml", yaml.getBytes(StandardCharsets.UTF_8)).policies().get(0);
  }

  static List<SignalRow> rows(String csv) {
    SignalHistoryCsv.Result result = SignalHistoryCsv.parse("h.csv", csv);
    assertThat(result.errors()).isEmpty();
    return result.rows();
  }

  static final GrowthPolicy WIDEN_ON_GROWTH =
      policy(
          """
          - name: grow
            when: {datasetGrowth: {ratio: 1.5}}
            action: {widen: {factor: 1.5}}
      """,
          "cooldown: 0s");

  @Test
  void aPromotionStartsANewChampionTrainedOnTheRowsOfThatMoment() {
    List<SignalRow> rows =
        rows(
            """
        timestamp,dataset_rows,parameters
        2025-03-01T09:00:00Z,1000,10
        2025-03-01T09:01:00Z,1500,10
        2025-03-01T09:02:00Z,2000,10
        2025-03-01T09:03:00Z,2250,10
        """);

    SimulationReport promoted =
        Simulator.replay(WIDEN_ON_GROWTH, "h.csv", rows, Assumptions.promotedAtOnce());
    SimulationReport rejected =
        Simulator.replay(
            WIDEN_ON_GROWTH,
            "h.csv",
            rows,
            new Assumptions(AttemptOutcome.REJECTED, Duration.ZERO));

    assertThat(promoted.growths()).extracting(s -> s.row().line()).containsExactly(3, 5);
    assertThat(rejected.growths()).extracting(s -> s.row().line()).containsExactly(3, 4, 5);
    assertThat(promoted.verdicts("grow"))
        .containsEntry(RuleVerdict.FIRED, 2)
        .containsEntry(RuleVerdict.NOT_MET, 2);
  }

  @Test
  void anAttemptThatTakesTimeHoldsOtherGrowthsBack() {
    List<SignalRow> rows =
        rows(
            """
        timestamp,dataset_rows,parameters
        2025-03-01T09:00:00Z,1000,10
        2025-03-01T09:01:00Z,1500,10
        2025-03-01T09:02:00Z,1600,10
        2025-03-01T09:04:00Z,1700,10
        """);

    SimulationReport report =
        Simulator.replay(
            WIDEN_ON_GROWTH,
            "h.csv",
            rows,
            new Assumptions(AttemptOutcome.REJECTED, Duration.ofMinutes(3)));

    assertThat(report.growths()).extracting(s -> s.row().line()).containsExactly(3, 5);
    assertThat(report.blocksByGuard()).containsEntry(GuardKind.IN_FLIGHT, 1);
    assertThat(report.render(false))
        .contains("grow would fire but is BLOCKED: inFlight (1 attempt is still running)");
  }

  @Test
  void failuresStopAutomaticRulesUntilAManualRequest() {
    GrowthPolicy policy =
        policy(
            """
          - name: grow
            when: {any: [{datasetGrowth: {ratio: 1.1}}, {manual: true}]}
            action: {widen: {factor: 1.5}}
        """,
            "cooldown: 0s, maxConsecutiveFailures: 2");
    List<SignalRow> rows =
        rows(
            """
        timestamp,dataset_rows,parameters,manual
        2025-03-01T09:00:00Z,1000,10,
        2025-03-01T09:01:00Z,2000,10,
        2025-03-01T09:02:00Z,2000,10,
        2025-03-01T09:03:00Z,2000,10,
        2025-03-01T09:04:00Z,2000,10,true
        2025-03-01T09:05:00Z,2000,10,
        """);

    SimulationReport report =
        Simulator.replay(
            policy, "h.csv", rows, new Assumptions(AttemptOutcome.FAILED, Duration.ZERO));

    assertThat(report.growths()).extracting(s -> s.row().line()).containsExactly(3, 4, 6);
    assertThat(report.blocksByGuard()).containsEntry(GuardKind.CONSECUTIVE_FAILURES, 2);
  }

  @Test
  void aNewRecordedChampionResetsItsBaselineAndOtherModelsAreSkipped() {
    List<SignalRow> rows =
        rows(
            """
        timestamp,model,dataset_rows,parameters,champion
        2025-03-01T09:00:00Z,m,1000,10,v1
        2025-03-01T09:01:00Z,other,9000,10,v9
        2025-03-01T09:02:00Z,m,1400,10,v2
        2025-03-01T09:03:00Z,m,1800,10,v2
        2025-03-01T09:04:00Z,m,2100,10,v2
        """);

    SimulationReport report =
        Simulator.replay(WIDEN_ON_GROWTH, "h.csv", rows, Assumptions.promotedAtOnce());

    assertThat(report.skippedRows()).isEqualTo(1);
    assertThat(report.steps()).hasSize(4);
    assertThat(report.growths()).extracting(s -> s.row().line()).containsExactly(6);
  }

  @Test
  void theShippedDemoHistoryShowsBothKindsOfGrowth() throws IOException {
    GrowthPolicy demo = PolicyLoader.load(Path.of("examples", "demo.yaml")).policies().get(0);
    byte[] csv = Files.readAllBytes(Path.of("examples", "demo-history.csv"));

    SimulationReport report =
        Simulator.replay(
            demo,
            "demo-history.csv",
            SignalHistoryCsv.parse("demo-history.csv", csv).rows(),
            new Assumptions(AttemptOutcome.PROMOTED, Duration.ofSeconds(45)));

    assertThat(report.notes()).isEmpty();
    assertThat(report.verdicts("widen-on-data-growth").get(RuleVerdict.FIRED)).isPositive();
    assertThat(report.verdicts("deepen-on-plateau").get(RuleVerdict.FIRED)).isPositive();
    assertThat(report.growths().get(0).decision().at())
        .isBefore(report.steps().get(0).decision().at().plus(Duration.ofMinutes(10)));
  }
}
