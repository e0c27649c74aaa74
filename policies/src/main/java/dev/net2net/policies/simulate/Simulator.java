package dev.net2net.policies.simulate;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import dev.net2net.policies.evaluate.Decision;
import dev.net2net.policies.evaluate.Evaluator;
import dev.net2net.policies.evaluate.GrowthAttempt;
import dev.net2net.policies.evaluate.History;
import dev.net2net.policies.evaluate.ManualRequest;
import dev.net2net.policies.evaluate.Signals;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a recorded signal history through a policy, playing the daemon's part: it records each
 * growth as an attempt, ends it as {@link Assumptions} say, and on a promotion starts a new
 * champion (trained on the rows of that moment, with no evaluations yet). A change of the recorded
 * {@code champion} label starts a new champion too. Parameter counts always come from the history,
 * since a replay cannot know what a growth would have produced.
 */
public final class Simulator {

  private Simulator() {}

  public static SimulationReport replay(
      GrowthPolicy policy, String source, List<SignalRow> rows, Assumptions assumptions) {
    Replay replay = new Replay(policy, assumptions);
    int skipped = 0;
    for (SignalRow row : rows) {
      if (row.model().isPresent() && !row.model().get().equals(policy.model())) {
        skipped++;
        continue;
      }
      replay.step(row);
    }
    return new SimulationReport(
        policy, source, assumptions, replay.steps, skipped, missingMetrics(policy, rows));
  }

  /**
   * Rules that read a metric no row of the history has: they cannot fire in the replay, which a
   * reader would otherwise blame on the rule rather than on the history.
   */
  private static List<String> missingMetrics(GrowthPolicy policy, List<SignalRow> rows) {
    List<String> notes = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      for (MetricRef metric : metricsReadBy(rule.when())) {
        boolean present =
            rows.stream()
                .anyMatch(
                    row ->
                        (metric.split() == Split.TRAIN ? row.train() : row.validation())
                            .containsKey(metric.name()));
        String column = (metric.split() == Split.TRAIN ? "train_" : "val_") + metric.name();
        String note =
            "rule "
                + rule.name()
                + " reads "
                + metric.describe()
                + ", but no row has "
                + column
                + "; it cannot fire on this history.";
        if (!present && !notes.contains(note)) {
          notes.add(note);
        }
      }
    }
    return notes;
  }

  private static List<MetricRef> metricsReadBy(Condition condition) {
    List<MetricRef> metrics = new ArrayList<>();
    if (condition instanceof Condition.Plateau plateau) {
      metrics.add(plateau.metric());
    } else if (condition instanceof Condition.Underfitting underfitting) {
      metrics.add(new MetricRef(underfitting.metric(), Split.TRAIN, underfitting.mode()));
      metrics.add(new MetricRef(underfitting.metric(), Split.VALIDATION, underfitting.mode()));
    } else if (condition instanceof Condition.AllOf all) {
      all.conditions().forEach(c -> metrics.addAll(metricsReadBy(c)));
    } else if (condition instanceof Condition.AnyOf any) {
      any.conditions().forEach(c -> metrics.addAll(metricsReadBy(c)));
    }
    return metrics;
  }

  /** One replayed row and the decision it led to. */
  public record Step(SignalRow row, Decision decision) {}

  private static final class Replay {
    private final GrowthPolicy policy;
    private final Assumptions assumptions;
    private final List<Step> steps = new ArrayList<>();
    private History history = History.empty();
    private boolean started;
    private long championRows;
    private Instant championTrainedAt;
    private Optional<String> championLabel = Optional.empty();
    private final List<ChampionEvaluation> evaluations = new ArrayList<>();
    private Optional<ManualRequest> manual = Optional.empty();
    private Optional<GrowthAttempt> running = Optional.empty();
    private long rowsWhenRunningStarted;

    Replay(GrowthPolicy policy, Assumptions assumptions) {
      this.policy = policy;
      this.assumptions = assumptions;
    }

    void step(SignalRow row) {
      Instant now = row.timestamp();
      if (!started) {
        started = true;
        newChampion(row.championRows().orElse(row.datasetRows()), now);
        championLabel = row.champion();
      }
      if (row.champion().isPresent() && !row.champion().equals(championLabel)) {
        championLabel = row.champion();
        newChampion(row.championRows().orElse(row.datasetRows()), now);
      }
      row.championRows().ifPresent(rows -> championRows = rows);
      running
          .filter(attempt -> !now.isBefore(attempt.startedAt().plus(assumptions.attemptDuration())))
          .ifPresent(
              attempt -> finish(attempt, attempt.startedAt().plus(assumptions.attemptDuration())));
      if (row.hasMetrics()) {
        evaluations.add(new ChampionEvaluation(now, row.train(), row.validation()));
      }
      row.manualRequest().ifPresent(request -> manual = Optional.of(request));

      Signals signals =
          new Signals(
              now,
              policy.model(),
              row.datasetRows(),
              championRows,
              championTrainedAt,
              evaluations,
              row.parameters(),
              manual);
      Decision decision = Evaluator.decide(policy, signals, history);
      history = history.withPending(decision.nextPending());
      steps.add(new Step(row, decision));
      if (decision.grows()) {
        GrowthAttempt attempt = GrowthAttempt.started(decision);
        history = history.withAttempt(attempt);
        running = Optional.of(attempt);
        rowsWhenRunningStarted = row.datasetRows();
        if (decision.consumesManualRequest()) {
          manual = Optional.empty();
        }
        if (assumptions.attemptDuration().isZero()) {
          finish(attempt, now);
        }
      }
    }

    private void finish(GrowthAttempt attempt, Instant at) {
      history = history.withFinished(attempt, attempt.finished(at, assumptions.outcome()));
      running = Optional.empty();
      if (assumptions.outcome() == AttemptOutcome.PROMOTED) {
        newChampion(rowsWhenRunningStarted, at);
      }
    }

    private void newChampion(long rows, Instant trainedAt) {
      championRows = rows;
      championTrainedAt = trainedAt;
      evaluations.clear();
    }
  }
}
