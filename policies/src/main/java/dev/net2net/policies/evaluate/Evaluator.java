package dev.net2net.policies.evaluate;

import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.Guards;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.Numbers;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

// Longer than 400 lines because it is the pure decision function: one case per condition type and
// one per guard, all reading the same signals and history, so that the whole policy semantics is
// in one place and tested by tables.
/**
 * Decides whether a model grows now. A pure function of its arguments: no clock (the time is in the
 * signals), no I/O, no randomness, no state between calls (the {@code for:} clocks travel in {@link
 * History#pending()} and come back in {@link Decision#nextPending()}).
 *
 * <p>Rules are tried in the policy's order. A rule is ready when its condition has held for its
 * {@code for:}; the first ready rule that no guard blocks fires. The guards are the hard limits:
 * whatever the signals, no decision to grow is made within the cooldown of the last attempt, beyond
 * the daily limit, while an attempt is running, or once the champion reaches the parameter budget.
 */
public final class Evaluator {

  /**
   * The window of {@code maxGrowthsPerDay}: a trailing day, not a calendar day, so no midnight
   * burst.
   */
  public static final Duration DAY = Duration.ofDays(1);

  private Evaluator() {}

  public static Decision decide(GrowthPolicy policy, Signals signals, History history) {
    if (!policy.model().equals(signals.model())) {
      throw new IllegalArgumentException(
          "policy '"
              + policy.name()
              + "' is for model '"
              + policy.model()
              + "', the signals are for '"
              + signals.model()
              + "'");
    }
    Instant now = signals.now();
    List<GuardReport> guards = guards(policy.guards(), signals, history);

    Map<String, Instant> nextPending = new HashMap<>();
    List<RuleReport> reports = new ArrayList<>();
    Optional<Rule> fired = Optional.empty();
    boolean firedByManualRequest = false;
    for (Rule rule : policy.rules()) {
      ConditionReport condition = evaluate(rule.when(), rule, signals, history);
      Optional<Instant> since = Optional.empty();
      Duration heldFor = Duration.ZERO;
      if (condition.holds()) {
        Instant start = history.pending().since(rule.name()).orElse(now);
        since = Optional.of(start);
        nextPending.put(rule.name(), start);
        heldFor = start.isAfter(now) ? Duration.ZERO : Duration.between(start, now);
      }
      boolean ready = condition.holds() && heldFor.compareTo(rule.holdFor()) >= 0;
      boolean manual = condition.holdsThroughManualRequest();
      List<GuardKind> blockedBy =
          ready
              ? guards.stream().filter(g -> g.blocks(manual)).map(GuardReport::guard).toList()
              : List.of();
      RuleVerdict verdict;
      if (!condition.holds()) {
        verdict = RuleVerdict.NOT_MET;
      } else if (!ready) {
        verdict = RuleVerdict.WAITING;
      } else if (!blockedBy.isEmpty()) {
        verdict = RuleVerdict.BLOCKED;
      } else if (fired.isPresent()) {
        verdict = RuleVerdict.PREEMPTED;
      } else {
        verdict = RuleVerdict.FIRED;
        fired = Optional.of(rule);
        firedByManualRequest = manual;
      }
      reports.add(
          new RuleReport(
              rule.name(), verdict, condition, since, heldFor, rule.holdFor(), blockedBy));
    }

    Optional<Growth> growth =
        fired.map(
            rule ->
                new Growth(
                    policy.name(), rule.name(), rule.action(), rule.training(), rule.promotion()));
    // A growth changes the champion the conditions were measured against: every for: clock
    // restarts.
    PendingConditions pending =
        growth.isPresent() ? PendingConditions.none() : new PendingConditions(nextPending);
    boolean consumesManual = growth.isPresent() && firedByManualRequest;
    return new Decision(
        now, policy.name(), policy.model(), growth, reports, guards, pending, consumesManual);
  }

  // ---------------------------------------------------------------- guards

  private static List<GuardReport> guards(Guards guards, Signals signals, History history) {
    Instant now = signals.now();
    List<GuardReport> reports = new ArrayList<>();

    long running =
        history.attempts().stream().filter(a -> a.outcome() == AttemptOutcome.IN_PROGRESS).count();
    reports.add(
        new GuardReport(
            GuardKind.IN_FLIGHT,
            running > 0,
            false,
            running > 0
                ? running + " attempt" + (running == 1 ? " is" : "s are") + " still running"
                : "no attempt is running"));

    Optional<GrowthAttempt> last = history.lastAttempt();
    if (last.isEmpty() || guards.cooldown().isZero()) {
      reports.add(
          new GuardReport(
              GuardKind.COOLDOWN,
              false,
              false,
              last.isEmpty() ? "no earlier attempt" : "no cooldown set"));
    } else {
      Duration since = Duration.between(last.get().lastActive(), now);
      boolean blocks = since.compareTo(guards.cooldown()) < 0;
      reports.add(
          new GuardReport(
              GuardKind.COOLDOWN,
              blocks,
              false,
              Durations.format(since)
                  + " since the last attempt was active, cooldown "
                  + Durations.format(guards.cooldown())
                  + (blocks
                      ? "; free at " + last.get().lastActive().plus(guards.cooldown())
                      : "")));
    }

    Instant windowStart = now.minus(DAY);
    long today =
        history.attempts().stream().filter(a -> a.startedAt().isAfter(windowStart)).count();
    boolean overDailyLimit = today >= guards.maxGrowthsPerDay();
    reports.add(
        new GuardReport(
            GuardKind.DAILY_LIMIT,
            overDailyLimit,
            false,
            today
                + " attempt"
                + (today == 1 ? "" : "s")
                + " in the last 24h, limit "
                + guards.maxGrowthsPerDay()));

    guards
        .maxParameters()
        .ifPresentOrElse(
            max -> {
              boolean blocks = signals.championParameters() >= max;
              reports.add(
                  new GuardReport(
                      GuardKind.PARAMETER_BUDGET,
                      blocks,
                      false,
                      "champion has "
                          + Numbers.format(signals.championParameters())
                          + " parameters, budget "
                          + Numbers.format(max)));
            },
            () ->
                reports.add(
                    new GuardReport(
                        GuardKind.PARAMETER_BUDGET, false, false, "no parameter budget set")));

    boolean tooManyFailures = history.consecutiveFailures() >= guards.maxConsecutiveFailures();
    reports.add(
        new GuardReport(
            GuardKind.CONSECUTIVE_FAILURES,
            tooManyFailures,
            tooManyFailures,
            history.consecutiveFailures()
                + " consecutive failure"
                + (history.consecutiveFailures() == 1 ? "" : "s")
                + ", limit "
                + guards.maxConsecutiveFailures()
                + (tooManyFailures ? "; only a manual request can start another attempt" : "")));
    return reports;
  }

  // ---------------------------------------------------------------- conditions

  private static ConditionReport evaluate(
      Condition condition, Rule rule, Signals signals, History history) {
    if (condition instanceof Condition.DatasetGrowthRatio growth) {
      return datasetGrowthRatio(growth, signals);
    }
    if (condition instanceof Condition.DatasetGrowthRows growth) {
      return datasetGrowthRows(growth, signals);
    }
    if (condition instanceof Condition.Plateau plateau) {
      return plateau(plateau, signals);
    }
    if (condition instanceof Condition.Underfitting underfitting) {
      return underfitting(underfitting, signals);
    }
    if (condition instanceof Condition.Schedule schedule) {
      return schedule(schedule, rule, signals, history);
    }
    if (condition instanceof Condition.ManualRequest) {
      return manual(rule, signals);
    }
    if (condition instanceof Condition.AllOf all) {
      List<ConditionReport> parts =
          all.conditions().stream().map(c -> evaluate(c, rule, signals, history)).toList();
      long holding = parts.stream().filter(ConditionReport::holds).count();
      return new ConditionReport(
          "all",
          holding == parts.size(),
          Optional.empty(),
          Optional.empty(),
          holding + " of " + parts.size() + " hold, all needed",
          parts);
    }
    if (condition instanceof Condition.AnyOf any) {
      List<ConditionReport> parts =
          any.conditions().stream().map(c -> evaluate(c, rule, signals, history)).toList();
      long holding = parts.stream().filter(ConditionReport::holds).count();
      return new ConditionReport(
          "any",
          holding > 0,
          Optional.empty(),
          Optional.empty(),
          holding + " of " + parts.size() + " hold, one needed",
          parts);
    }
    throw new IllegalStateException("unknown condition " + condition);
  }

  private static ConditionReport datasetGrowthRatio(
      Condition.DatasetGrowthRatio growth, Signals signals) {
    long now = signals.datasetRows();
    long then = signals.championRows();
    if (then == 0) {
      boolean holds = now > 0;
      return ConditionReport.leaf(
          "datasetGrowth",
          holds,
          holds ? Double.POSITIVE_INFINITY : 0,
          growth.ratio(),
          "the champion was trained on no rows and the dataset has "
              + Numbers.format(now)
              + "; needs x"
              + Numbers.format(growth.ratio()));
    }
    double ratio = (double) now / then;
    boolean holds = ratio >= growth.ratio();
    return ConditionReport.leaf(
        "datasetGrowth",
        holds,
        ratio,
        growth.ratio(),
        Numbers.format(now)
            + " rows is x"
            + Numbers.ratio(ratio)
            + " the "
            + Numbers.format(then)
            + " the champion was trained on; needs x"
            + Numbers.format(growth.ratio()));
  }

  private static ConditionReport datasetGrowthRows(
      Condition.DatasetGrowthRows growth, Signals signals) {
    long added = signals.datasetRows() - signals.championRows();
    boolean holds = added >= growth.rows();
    return ConditionReport.leaf(
        "datasetGrowth",
        holds,
        added,
        growth.rows(),
        Numbers.format(added)
            + " rows added since the champion was trained ("
            + Numbers.format(signals.championRows())
            + " -> "
            + Numbers.format(signals.datasetRows())
            + "); needs "
            + Numbers.format(growth.rows()));
  }

  private static ConditionReport plateau(Condition.Plateau plateau, Signals signals) {
    MetricRef metric = plateau.metric();
    List<Double> values = values(signals, metric.split(), metric.name());
    int needed = plateau.evaluations() + 1;
    if (values.size() < needed) {
      return ConditionReport.leaf(
          "plateau",
          false,
          values.size()
              + " evaluation"
              + (values.size() == 1 ? "" : "s")
              + " of "
              + metric.describe()
              + " since the champion was trained; a plateau over "
              + plateau.evaluations()
              + " needs "
              + needed
              + " (a best to beat, then "
              + plateau.evaluations()
              + ")");
    }
    Mode mode = metric.mode();
    int split = values.size() - plateau.evaluations();
    double bestBefore = best(values.subList(0, split), mode);
    double bestRecent = best(values.subList(split, values.size()), mode);
    double improvement = mode.improvement(bestRecent, bestBefore);
    boolean holds = improvement <= plateau.minDelta();
    return ConditionReport.leaf(
        "plateau",
        holds,
        improvement,
        plateau.minDelta(),
        metric.describe()
            + ": best of the last "
            + plateau.evaluations()
            + " "
            + Numbers.format(bestRecent)
            + (improvement >= 0 ? " improves on " : " falls short of ")
            + "the earlier best "
            + Numbers.format(bestBefore)
            + " by "
            + Numbers.format(Math.abs(improvement))
            + "; a plateau is an improvement <= "
            + Numbers.format(plateau.minDelta()));
  }

  private static ConditionReport underfitting(
      Condition.Underfitting underfitting, Signals signals) {
    String metric = underfitting.metric();
    Optional<ChampionEvaluation> latest =
        signals.championEvaluations().stream()
            .filter(
                e ->
                    e.value(Split.TRAIN, metric).isPresent()
                        && e.value(Split.VALIDATION, metric).isPresent())
            .reduce((a, b) -> b);
    if (latest.isEmpty()) {
      return ConditionReport.leaf(
          "underfitting",
          false,
          "no evaluation of the champion has both train and validation " + metric);
    }
    Mode mode = underfitting.mode();
    double train = latest.get().value(Split.TRAIN, metric).getAsDouble();
    double validation = latest.get().value(Split.VALIDATION, metric).getAsDouble();
    double gap = mode.improvement(train, validation);
    boolean smallGap = gap <= underfitting.maxGap();
    boolean belowTarget = mode.improvement(underfitting.target(), validation) > 0;
    String worse = mode == Mode.MAX ? "below" : "above";
    return ConditionReport.leaf(
        "underfitting",
        smallGap && belowTarget,
        gap,
        underfitting.maxGap(),
        "train "
            + metric
            + " "
            + Numbers.format(train)
            + ", validation "
            + Numbers.format(validation)
            + ": gap "
            + Numbers.format(gap)
            + (smallGap ? " <= " : " > ")
            + Numbers.format(underfitting.maxGap())
            + ", and validation is "
            + (belowTarget ? "still " + worse : "no longer " + worse)
            + " the target "
            + Numbers.format(underfitting.target()));
  }

  private static ConditionReport schedule(
      Condition.Schedule schedule, Rule rule, Signals signals, History history) {
    Instant championTrained = signals.championTrainedAt();
    Optional<Instant> lastAttempt =
        history.lastAttemptOf(rule.name()).map(GrowthAttempt::startedAt);
    Instant from = lastAttempt.filter(t -> t.isAfter(championTrained)).orElse(championTrained);
    Duration elapsed = Duration.between(from, signals.now());
    boolean holds = elapsed.compareTo(schedule.every()) >= 0;
    String since =
        from.equals(championTrained) ? "the champion was trained" : "this rule's last attempt";
    return ConditionReport.leaf(
        "schedule",
        holds,
        elapsed.toSeconds(),
        schedule.every().toSeconds(),
        Durations.format(elapsed.isNegative() ? Duration.ZERO : elapsed)
            + " since "
            + since
            + "; fires every "
            + Durations.format(schedule.every()));
  }

  private static ConditionReport manual(Rule rule, Signals signals) {
    Optional<ManualRequest> request = signals.manualRequest();
    if (request.isEmpty()) {
      return ConditionReport.leaf("manual", false, "no manual request pending");
    }
    boolean applies = request.get().appliesTo(rule.name());
    return ConditionReport.leaf(
        "manual",
        applies,
        "manual request of "
            + request.get().requestedAt()
            + request.get().rule().map(r -> " for rule " + r).orElse(" for any rule")
            + (applies ? "" : ", not this one"));
  }

  private static List<Double> values(Signals signals, Split split, String metric) {
    List<Double> values = new ArrayList<>();
    for (ChampionEvaluation evaluation : signals.championEvaluations()) {
      OptionalDouble value = evaluation.value(split, metric);
      value.ifPresent(values::add);
    }
    return values;
  }

  private static double best(List<Double> values, Mode mode) {
    double best = values.get(0);
    for (double value : values) {
      best = mode.better(best, value);
    }
    return best;
  }
}
