package dev.net2net.policies.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.Guards;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.WidthChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The guards are hard limits. A caller that does what the decisions say (records each growth as an
 * attempt, finishes it some steps later with some outcome, promotes the candidate when it wins) and
 * feeds random signals can never get a growth within the cooldown, beyond the daily limit, while
 * another attempt runs, or once the champion has reached the parameter budget.
 */
class GuardPropertiesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private static final SourceLocation HERE = SourceLocation.startOf("generated.yaml");

  /**
   * One tick of the world: time passes, data arrives, the champion is evaluated, maybe an operator
   * asks.
   */
  record Step(
      long secondsLater,
      long rowsAdded,
      double trainAccuracy,
      double validationAccuracy,
      boolean manualRequest,
      AttemptOutcome outcome,
      int attemptTakesSteps,
      long parametersAddedByGrowth) {}

  @Property(tries = 400)
  void noSeriesOfSignalsMakesTheEvaluatorBreakAGuard(
      @ForAll("policies") GrowthPolicy policy, @ForAll("series") List<Step> series) {
    Guards guards = policy.guards();
    World world = new World();
    boolean anyBlocked = false;
    for (Step step : series) {
      Optional<Decision> decision = world.advance(policy, step);
      anyBlocked |=
          decision.stream()
              .flatMap(d -> d.rules().stream())
              .anyMatch(r -> r.verdict() == RuleVerdict.BLOCKED);
      if (decision.isEmpty() || !decision.get().grows()) {
        continue;
      }
      Instant now = decision.get().at();
      List<GrowthAttempt> before = world.attemptsBeforeTheLast();
      assertThat(before).noneMatch(a -> a.outcome() == AttemptOutcome.IN_PROGRESS);
      assertThat(before)
          .allSatisfy(
              a ->
                  assertThat(Duration.between(a.lastActive(), now))
                      .isGreaterThanOrEqualTo(guards.cooldown()));
      assertThat(
              before.stream().filter(a -> a.startedAt().isAfter(now.minus(Evaluator.DAY))).count())
          .isLessThan(guards.maxGrowthsPerDay());
      guards
          .maxParameters()
          .ifPresent(max -> assertThat(world.parametersAtDecision).isLessThan(max));
    }
    assertWholeHistoryKeepsTheLimits(world.history.attempts(), guards);
    // The property means something only if growths happen and guards get in their way.
    Statistics.label("grew").collect(!world.history.attempts().isEmpty());
    Statistics.label("a guard blocked a ready rule").collect(anyBlocked);
    Statistics.label("grew").coverage(c -> c.check(true).percentage(p -> p > 40));
    Statistics.label("a guard blocked a ready rule")
        .coverage(c -> c.check(true).percentage(p -> p > 15));
  }

  @Property(tries = 200)
  void decisionsAreAFunctionOfTheirInputs(
      @ForAll("policies") GrowthPolicy policy, @ForAll("series") List<Step> series) {
    World world = new World();
    for (Step step : series) {
      Signals signals = world.signalsAfter(step);
      History history = world.history;
      Decision once = Evaluator.decide(policy, signals, history);
      assertThat(Evaluator.decide(policy, signals, history)).isEqualTo(once);
      assertThat(once.nextPending().holdingSince().keySet())
          .isSubsetOf(policy.rules().stream().map(Rule::name).toList());
      world.apply(once, step);
    }
  }

  private static void assertWholeHistoryKeepsTheLimits(
      List<GrowthAttempt> attempts, Guards guards) {
    List<GrowthAttempt> ordered =
        attempts.stream().sorted(Comparator.comparing(GrowthAttempt::startedAt)).toList();
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(Duration.between(ordered.get(i - 1).lastActive(), ordered.get(i).startedAt()))
          .isGreaterThanOrEqualTo(guards.cooldown());
    }
    for (GrowthAttempt attempt : ordered) {
      Instant windowStart = attempt.startedAt().minus(Evaluator.DAY);
      long inWindow =
          ordered.stream()
              .filter(
                  a ->
                      a.startedAt().isAfter(windowStart)
                          && !a.startedAt().isAfter(attempt.startedAt()))
              .count();
      assertThat(inWindow).isLessThanOrEqualTo(guards.maxGrowthsPerDay());
    }
  }

  /** The caller's side: the champion, the dataset, the history, and the attempt in progress. */
  private static final class World {
    Instant now = T0;
    long rows = 5_000;
    long championRows = 5_000;
    Instant championTrainedAt = T0;
    final List<ChampionEvaluation> evaluations = new ArrayList<>();
    long parameters = 100_000;
    long parametersAtDecision = parameters;
    Optional<ManualRequest> manual = Optional.empty();
    History history = History.empty();
    Optional<GrowthAttempt> running = Optional.empty();
    int stepsUntilFinished;
    AttemptOutcome pendingOutcome = AttemptOutcome.REJECTED;
    long pendingParameters;

    Optional<Decision> advance(GrowthPolicy policy, Step step) {
      Signals signals = signalsAfter(step);
      Decision decision = Evaluator.decide(policy, signals, history);
      apply(decision, step);
      return Optional.of(decision);
    }

    Signals signalsAfter(Step step) {
      now = now.plusSeconds(step.secondsLater());
      rows += step.rowsAdded();
      if (running.isPresent() && --stepsUntilFinished <= 0) {
        finishRunning();
      }
      evaluations.add(
          new ChampionEvaluation(
              now,
              Map.of("accuracy", step.trainAccuracy()),
              Map.of("accuracy", step.validationAccuracy())));
      if (step.manualRequest()) {
        manual = Optional.of(ManualRequest.anyRule(now));
      }
      parametersAtDecision = parameters;
      return new Signals(
          now,
          Fixtures.MODEL,
          rows,
          championRows,
          championTrainedAt,
          evaluations,
          parameters,
          manual);
    }

    void apply(Decision decision, Step step) {
      history = history.withPending(decision.nextPending());
      if (!decision.grows()) {
        return;
      }
      GrowthAttempt attempt = GrowthAttempt.started(decision);
      history = history.withAttempt(attempt);
      running = Optional.of(attempt);
      stepsUntilFinished = step.attemptTakesSteps();
      pendingOutcome = step.outcome();
      pendingParameters = step.parametersAddedByGrowth();
      if (decision.consumesManualRequest()) {
        manual = Optional.empty();
      }
      if (stepsUntilFinished == 0) {
        finishRunning();
      }
    }

    private void finishRunning() {
      GrowthAttempt attempt = running.orElseThrow();
      history = history.withFinished(attempt, attempt.finished(now, pendingOutcome));
      running = Optional.empty();
      if (pendingOutcome == AttemptOutcome.PROMOTED) {
        championRows = rows;
        championTrainedAt = now;
        evaluations.clear();
        parameters += pendingParameters;
      }
    }

    List<GrowthAttempt> attemptsBeforeTheLast() {
      List<GrowthAttempt> attempts = history.attempts();
      return attempts.subList(0, attempts.size() - 1);
    }
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<List<Step>> series() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.longs().between(0, 120), Arbitraries.longs().between(0, 4 * 3600)),
                Arbitraries.longs().between(0, 4000),
                Arbitraries.doubles().between(0.5, 1.0),
                Arbitraries.doubles().between(0.5, 1.0),
                Arbitraries.integers().between(0, 9).map(n -> n == 0),
                Arbitraries.of(
                    AttemptOutcome.PROMOTED, AttemptOutcome.REJECTED, AttemptOutcome.FAILED),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 400_000))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(120);
  }

  @Provide
  Arbitrary<GrowthPolicy> policies() {
    Arbitrary<Guards> guards =
        Combinators.combine(
                Arbitraries.longs().between(0, 6 * 3600).map(Duration::ofSeconds),
                Arbitraries.integers().between(1, 12),
                Arbitraries.longs()
                    .between(100_001, 3_000_000)
                    .optional(0.7)
                    .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())),
                Arbitraries.integers().between(1, 4))
            .as(Guards::new);
    Arbitrary<Duration> holdFor =
        Arbitraries.oneOf(
            Arbitraries.just(Duration.ZERO),
            Arbitraries.longs().between(1, 1800).map(Duration::ofSeconds));
    Arbitrary<Condition> condition =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(1.05, 3.0).map(Condition.DatasetGrowthRatio::new),
            Arbitraries.longs().between(1, 20_000).map(Condition.DatasetGrowthRows::new),
            Arbitraries.integers()
                .between(1, 4)
                .map(
                    n ->
                        new Condition.Plateau(
                            new MetricRef("accuracy", Split.VALIDATION, Mode.MAX), 0.001, n)),
            Arbitraries.doubles()
                .between(0.0, 0.1)
                .map(gap -> new Condition.Underfitting("accuracy", Mode.MAX, gap, 0.9)),
            Arbitraries.longs()
                .between(60, 24 * 3600)
                .map(s -> new Condition.Schedule(Duration.ofSeconds(s))),
            Arbitraries.just(new Condition.ManualRequest()));
    Arbitrary<Condition> combined =
        Arbitraries.oneOf(
            condition,
            condition.list().ofMinSize(1).ofMaxSize(3).map(Condition.AllOf::new),
            condition.list().ofMinSize(1).ofMaxSize(3).map(Condition.AnyOf::new));
    Arbitrary<List<Rule>> rules =
        Combinators.combine(combined, holdFor, Arbitraries.of(0, 1))
            .as((when, wait, kind) -> List.of(when, wait, kind))
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(GuardPropertiesTest::rules);
    return Combinators.combine(rules, guards)
        .as((r, g) -> new GrowthPolicy("generated", Optional.empty(), Fixtures.MODEL, r, g, HERE));
  }

  private static List<Rule> rules(List<List<Object>> specs) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Condition when = (Condition) specs.get(i).get(0);
      Duration holdFor = (Duration) specs.get(i).get(1);
      Action action =
          (Integer) specs.get(i).get(2) == 0
              ? new Action.Widen(
                  new LayerSelection.AllHidden(),
                  new WidthChange.ByFactor(1.5),
                  0.01,
                  OptionalLong.empty())
              : new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.empty(), false);
      rules.add(
          new Rule(
              "rule-" + i,
              when,
              holdFor,
              action,
              TrainingPlan.defaults(),
              PromotionGate.defaults(),
              HERE));
    }
    return rules;
  }
}
