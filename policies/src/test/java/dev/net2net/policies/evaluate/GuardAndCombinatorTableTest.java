package dev.net2net.policies.evaluate;

import static dev.net2net.policies.evaluate.Fixtures.T0;
import static dev.net2net.policies.evaluate.Fixtures.oneRule;
import static dev.net2net.policies.evaluate.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.policies.model.ActionKind;
import dev.net2net.policies.model.GrowthPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guards, all/any, for:, rule order, and the shape of a decision. */
class GuardAndCombinatorTableTest {

  /** Fires whenever asked: 50% more rows than the champion's. */
  private static final String GROWING = "{datasetGrowth: {ratio: 1.5}}";

  private static GrowthPolicy growingWith(String guards) {
    return Fixtures.policy(
        """
            - name: r
              when: %s
              action: {widen: {factor: 1.5}}
        """
            .formatted(GROWING),
        guards);
  }

  private static Signals grown(Instant now) {
    return signals().now(now).rows(5000, 8000).build();
  }

  private static GrowthAttempt finished(Instant start, Duration took, AttemptOutcome outcome) {
    return new GrowthAttempt(start, Optional.of(start.plus(took)), "r", ActionKind.WIDEN, outcome);
  }

  @ParameterizedTest(name = "all [{0}, {1}] -> {2}, any -> {3}")
  @CsvSource({
    "true, true, true, true",
    "true, false, false, true",
    "false, true, false, true",
    "false, false, false, false",
  })
  void allAndAny(boolean grown, boolean requested, boolean all, boolean any) {
    Fixtures.SignalsBuilder builder = signals().rows(5000, grown ? 8000 : 5000);
    if (requested) {
      builder.manual(ManualRequest.anyRule(T0));
    }
    Signals signals = builder.build();

    Decision allOf =
        Evaluator.decide(
            oneRule("{all: [" + GROWING + ", {manual: true}]}"), signals, History.empty());
    Decision anyOf =
        Evaluator.decide(
            oneRule("{any: [" + GROWING + ", {manual: true}]}"), signals, History.empty());

    assertThat(allOf.grows()).isEqualTo(all);
    assertThat(anyOf.grows()).isEqualTo(any);
    assertThat(allOf.rules().get(0).condition().parts())
        .extracting(ConditionReport::holds)
        .containsExactly(grown, requested);
    assertThat(anyOf.rules().get(0).condition().explanation())
        .isEqualTo(((grown ? 1 : 0) + (requested ? 1 : 0)) + " of 2 hold, one needed");
  }

  @Test
  void nestedCombinatorsEvaluateEveryPart() {
    GrowthPolicy policy =
        oneRule("{any: [{all: [" + GROWING + ", {manual: true}]}, {datasetGrowth: {rows: 100}}]}");

    Decision decision =
        Evaluator.decide(policy, signals().rows(5000, 5200).build(), History.empty());

    ConditionReport any = decision.rules().get(0).condition();
    assertThat(any.holds()).isTrue();
    assertThat(any.parts().get(0).holds()).isFalse();
    assertThat(any.parts().get(0).parts()).hasSize(2);
    assertThat(any.parts().get(1).holds()).isTrue();
  }

  @ParameterizedTest(name = "last attempt finished {0}s before, cooldown 10m -> blocked {1}")
  @CsvSource({"599, true", "600, false", "3600, false", "-5, true"})
  void cooldownCountsFromTheEndOfTheLastAttempt(long secondsSinceFinish, boolean blocked) {
    Instant now = T0.plus(Duration.ofHours(5));
    Instant finish = now.minusSeconds(secondsSinceFinish);
    History history =
        History.empty()
            .withAttempt(
                finished(
                    finish.minus(Duration.ofHours(1)),
                    Duration.ofHours(1),
                    AttemptOutcome.PROMOTED));

    Decision decision = Evaluator.decide(growingWith("    cooldown: 10m"), grown(now), history);

    assertThat(decision.grows()).isEqualTo(!blocked);
    assertThat(decision.guard(GuardKind.COOLDOWN).orElseThrow().blocks()).isEqualTo(blocked);
    if (blocked) {
      assertThat(decision.rule("r").orElseThrow().verdict()).isEqualTo(RuleVerdict.BLOCKED);
      assertThat(decision.rule("r").orElseThrow().blockedBy()).containsExactly(GuardKind.COOLDOWN);
    }
  }

  @ParameterizedTest(name = "attempts {0}h ago, limit {1} -> blocked {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "         | 1 | false",
        "1        | 1 | true",
        "24       | 1 | false",
        "23 2     | 2 | true",
        "25 2     | 2 | false",
        "1 2 3    | 4 | false",
      })
  void dailyLimitCountsAttemptsInTheTrailingDay(String hoursAgo, int limit, boolean blocked) {
    Instant now = T0.plus(Duration.ofDays(3));
    History history = History.empty();
    if (hoursAgo != null) {
      for (String hours : hoursAgo.trim().split("\\s+")) {
        history =
            history.withAttempt(
                finished(
                    now.minus(Duration.ofHours(Long.parseLong(hours))),
                    Duration.ZERO,
                    AttemptOutcome.REJECTED));
      }
    }

    Decision decision =
        Evaluator.decide(
            growingWith("    cooldown: 0s\n    maxGrowthsPerDay: " + limit), grown(now), history);

    assertThat(decision.grows()).isEqualTo(!blocked);
    assertThat(decision.guard(GuardKind.DAILY_LIMIT).orElseThrow().blocks()).isEqualTo(blocked);
  }

  @ParameterizedTest(name = "{0} parameters, budget 1,000,000 -> blocked {1}")
  @CsvSource({"999999, false", "1000000, true", "2000000, true"})
  void parameterBudget(long parameters, boolean blocked) {
    Signals signals = signals().rows(5000, 8000).parameters(parameters).build();

    Decision decision =
        Evaluator.decide(
            growingWith("    maxParameters: 1000000\n    cooldown: 0s"), signals, History.empty());

    assertThat(decision.grows()).isEqualTo(!blocked);
    assertThat(decision.guard(GuardKind.PARAMETER_BUDGET).orElseThrow().explanation())
        .contains("budget 1,000,000");
    decision.growth().ifPresent(g -> assertThat(g.gate().maxParameters()).hasValue(1_000_000));
  }

  @ParameterizedTest(name = "{0} failures, limit 3, manual {1} -> grows {2}")
  @CsvSource({"2, false, true", "3, false, false", "3, true, true", "5, true, true"})
  void consecutiveFailuresStopAutomaticRulesButNotAManualRequest(
      int failures, boolean manual, boolean grows) {
    GrowthPolicy policy =
        Fixtures.policy(
            """
            - name: auto
              when: %s
              action: {widen: {factor: 1.5}}
            - name: by-hand
              when: {manual: true}
              action: {deepen: {after: last-hidden}}
        """
                .formatted(GROWING),
            "    cooldown: 0s\n    maxConsecutiveFailures: 3");
    Fixtures.SignalsBuilder signals = signals().rows(5000, 8000);
    if (manual) {
      signals.manual(ManualRequest.anyRule(T0));
    }
    History history = new History(List.of(), failures, PendingConditions.none());

    Decision decision = Evaluator.decide(policy, signals.build(), history);

    assertThat(decision.grows()).isEqualTo(grows);
    if (failures >= 3) {
      assertThat(decision.rule("auto").orElseThrow().verdict()).isEqualTo(RuleVerdict.BLOCKED);
      assertThat(decision.rule("auto").orElseThrow().blockedBy())
          .containsExactly(GuardKind.CONSECUTIVE_FAILURES);
    }
    if (manual) {
      assertThat(decision.growth().orElseThrow().rule())
          .isEqualTo(failures >= 3 ? "by-hand" : "auto");
      assertThat(decision.consumesManualRequest()).isEqualTo(failures >= 3);
    }
  }

  @Test
  void anAttemptInProgressBlocksEveryRule() {
    History history =
        History.empty()
            .withAttempt(
                new GrowthAttempt(
                    T0.minus(Duration.ofDays(2)),
                    Optional.empty(),
                    "r",
                    ActionKind.WIDEN,
                    AttemptOutcome.IN_PROGRESS));

    Decision decision = Evaluator.decide(growingWith("    cooldown: 0s"), grown(T0), history);

    assertThat(decision.grows()).isFalse();
    assertThat(decision.rule("r").orElseThrow().blockedBy()).containsExactly(GuardKind.IN_FLIGHT);
  }

  @Test
  void forWaitsUntilTheConditionHasHeldLongEnoughAndRestartsWhenItBreaks() {
    GrowthPolicy policy =
        Fixtures.policy(
            """
            - name: r
              when: %s
              for: 5m
              action: {widen: {factor: 1.5}}
        """
                .formatted(GROWING),
            "");
    History history = History.empty();

    Decision first = Evaluator.decide(policy, grown(T0), history);
    assertThat(first.rule("r").orElseThrow().verdict()).isEqualTo(RuleVerdict.WAITING);
    assertThat(first.nextPending().since("r")).hasValue(T0);
    history = history.withPending(first.nextPending());

    Decision later = Evaluator.decide(policy, grown(T0.plus(Duration.ofMinutes(4))), history);
    assertThat(later.rule("r").orElseThrow().verdict()).isEqualTo(RuleVerdict.WAITING);
    assertThat(later.rule("r").orElseThrow().heldFor()).isEqualTo(Duration.ofMinutes(4));
    assertThat(later.explain()).contains("held 4m of 5m");

    Decision broken =
        Evaluator.decide(
            policy,
            signals().now(T0.plus(Duration.ofMinutes(4).plusSeconds(30))).build(),
            history.withPending(later.nextPending()));
    assertThat(broken.rule("r").orElseThrow().verdict()).isEqualTo(RuleVerdict.NOT_MET);
    assertThat(broken.nextPending().since("r")).isEmpty();
    history = history.withPending(broken.nextPending());

    Decision restarted = Evaluator.decide(policy, grown(T0.plus(Duration.ofMinutes(6))), history);
    assertThat(restarted.rule("r").orElseThrow().verdict()).isEqualTo(RuleVerdict.WAITING);
    history = history.withPending(restarted.nextPending());

    Decision fired = Evaluator.decide(policy, grown(T0.plus(Duration.ofMinutes(11))), history);
    assertThat(fired.grows()).isTrue();
    assertThat(fired.nextPending().holdingSince()).isEmpty();
  }

  @Test
  void theFirstReadyRuleFiresAndLaterReadyRulesArePreempted() {
    GrowthPolicy policy =
        Fixtures.policy(
            """
            - name: first
              when: {manual: true}
              action: {deepen: {after: last-hidden}}
            - name: second
              when: %s
              action: {widen: {factor: 1.5}}
            - name: third
              when: {datasetGrowth: {ratio: 10}}
              action: {widen: {factor: 2}}
        """
                .formatted(GROWING),
            "");

    Decision decision = Evaluator.decide(policy, grown(T0), History.empty());

    assertThat(decision.rules())
        .extracting(RuleReport::verdict)
        .containsExactly(RuleVerdict.NOT_MET, RuleVerdict.FIRED, RuleVerdict.NOT_MET);
    Decision both =
        Evaluator.decide(
            policy,
            signals().rows(5000, 8000).manual(ManualRequest.anyRule(T0)).build(),
            History.empty());
    assertThat(both.rules())
        .extracting(RuleReport::verdict)
        .containsExactly(RuleVerdict.FIRED, RuleVerdict.PREEMPTED, RuleVerdict.NOT_MET);
    assertThat(both.growth().orElseThrow().action().kind()).isEqualTo(ActionKind.DEEPEN);
  }

  @Test
  void aGrowthCarriesTheRulesTrainingPlanAndGate() {
    GrowthPolicy policy =
        Fixtures.policy(
            """
            - name: r
              when: %s
              action: {widen: {factor: 1.5}}
              training: {epochs: 7}
              promotion: {metric: loss, minImprovement: 0.01}
        """
                .formatted(GROWING),
            "");

    Growth growth = Evaluator.decide(policy, grown(T0), History.empty()).growth().orElseThrow();

    assertThat(growth.policy()).isEqualTo("test-policy");
    assertThat(growth.training().epochs()).isEqualTo(7);
    assertThat(growth.training().learningRateScale()).isEqualTo(1.0);
    assertThat(growth.gate().metric().name()).isEqualTo("loss");
    assertThat(growth.gate().passes(0.40, 0.42)).isTrue();
    assertThat(growth.gate().passes(0.415, 0.42)).isFalse();
  }

  @Test
  void everyGuardIsReportedWhetherOrNotItBlocks() {
    Decision decision =
        Evaluator.decide(growingWith("    cooldown: 0s"), grown(T0), History.empty());

    assertThat(decision.guards())
        .extracting(GuardReport::guard)
        .containsExactly(GuardKind.values());
    assertThat(decision.guards()).noneMatch(GuardReport::blocks);
    assertThat(decision.explain()).contains("GROW by rule r").contains("guard cooldown: ok");
  }

  @Test
  void signalsForAnotherModelAreRefused() {
    Signals other = new Signals(T0, "other-model", 1, 1, T0, List.of(), 1, Optional.empty());

    assertThatThrownBy(() -> Evaluator.decide(growingWith(""), other, History.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other-model");
  }

  @Test
  void theSameInputsGiveTheSameDecision() {
    GrowthPolicy policy =
        oneRule("{any: [" + GROWING + ", {plateau: {metric: accuracy, evaluations: 2}}]}");
    Signals signals = signals().rows(5000, 8000).validation("accuracy", 0.8, 0.81, 0.80).build();

    assertThat(Evaluator.decide(policy, signals, History.empty()))
        .isEqualTo(Evaluator.decide(policy, signals, History.empty()));
  }
}
