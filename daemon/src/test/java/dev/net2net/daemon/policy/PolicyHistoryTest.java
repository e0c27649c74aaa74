package dev.net2net.daemon.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.evaluate.History;
import dev.net2net.policies.evaluate.PendingConditions;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The growth history the guards see, as rebuilt from the registry's decisions and jobs. */
class PolicyHistoryTest {
  private static final ModelName MODEL = new ModelName("m");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static PolicyDecision decision(long id, String outcome, int minutes) {
    DecisionOutcome known = DecisionOutcome.fromLabel(outcome);
    return new PolicyDecision(
        id,
        MODEL,
        "p",
        "widen-on-growth",
        JsonDocument.empty(),
        "WIDEN: widen all",
        known.isGrowth() ? Optional.of(GrowthKind.WIDEN) : Optional.empty(),
        known,
        Optional.empty(),
        T0.plusSeconds(60L * minutes),
        T0.plusSeconds(60L * minutes + 30));
  }

  private static GrowthJob job(long decision, JobStatus status) {
    return new GrowthJob(
        100 + decision,
        MODEL,
        "decision:" + decision,
        Optional.of(decision),
        JsonDocument.empty(),
        status,
        3,
        3,
        T0,
        Optional.empty(),
        Optional.empty(),
        Optional.of("lease expired"),
        Optional.empty(),
        T0,
        status == JobStatus.FAILED ? Optional.of(T0.plusSeconds(600)) : Optional.empty(),
        java.util.OptionalInt.empty());
  }

  @Test
  void resolvedDecisionsAreFinishedAttemptsAndHeldOnesAreNoAttempts() {
    History history =
        PolicyEngine.history(
            List.of(
                decision(1, "promoted", 0),
                decision(2, "held", 1),
                decision(3, "failed", 2),
                decision(4, "enqueued", 3)),
            Map.of(4L, job(4, JobStatus.RUNNING)),
            PendingConditions.none());
    assertThat(history.attempts())
        .extracting(a -> a.outcome())
        .containsExactly(
            AttemptOutcome.PROMOTED, AttemptOutcome.FAILED, AttemptOutcome.IN_PROGRESS);
    assertThat(history.consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void aJobTheQueueGaveUpOnCountsAsAFailureInsteadOfBlockingForEver() {
    History history =
        PolicyEngine.history(
            List.of(decision(1, "enqueued", 0)),
            Map.of(1L, job(1, JobStatus.FAILED)),
            PendingConditions.none());
    assertThat(history.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo(AttemptOutcome.FAILED);
              assertThat(a.finishedAt()).contains(T0.plusSeconds(600));
            });
  }
}
