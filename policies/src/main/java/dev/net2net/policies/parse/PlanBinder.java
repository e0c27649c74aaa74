package dev.net2net.policies.parse;

import static dev.net2net.policies.parse.Vocabulary.CONTINUATION_KEYS;
import static dev.net2net.policies.parse.Vocabulary.EARLY_STOPPING_KEYS;
import static dev.net2net.policies.parse.Vocabulary.GUARD_KEYS;
import static dev.net2net.policies.parse.Vocabulary.OPTIMIZER_STATES;
import static dev.net2net.policies.parse.Vocabulary.PROMOTION_KEYS;
import static dev.net2net.policies.parse.Vocabulary.SCHEDULES;
import static dev.net2net.policies.parse.Vocabulary.TRAINING_KEYS;

import dev.net2net.policies.model.ContinuationPlan;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.Guards;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.TrainingPlan.EarlyStopping;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds what happens around a growth: the training plan and promotion gate (a policy's, which a
 * rule may override key by key) and the policy's guards.
 */
final class PlanBinder {

  private final NodeReader read;
  private final MetricBinder metrics;

  PlanBinder(NodeReader reader, MetricBinder metrics) {
    this.read = reader;
    this.metrics = metrics;
  }

  /**
   * A training plan: keys given here override {@code base} (the policy's plan, or the defaults).
   */
  NodeBinder<TrainingPlan> training(TrainingPlan base) {
    return read.mappingOf(TRAINING_KEYS, training -> training(training, base));
  }

  private Optional<TrainingPlan> training(Fields training, TrainingPlan base) {
    Optional<Double> learningRateScale =
        training.optional(
            "learningRateScale",
            (n, path) ->
                read.number(
                    n,
                    path,
                    d -> d > 0 && d <= 1,
                    "a number above 0 and at most 1 (the fraction of the champion's learning rate)"),
            base.learningRateScale());
    Optional<Long> epochs =
        training.optional(
            "epochs", (n, path) -> read.integer(n, path, 1, 1000), (long) base.epochs());
    Optional<OptionalInt> batchSize =
        training.optional(
            "batchSize",
            (n, path) ->
                read.integer(n, path, 1, 1 << 20).map(b -> OptionalInt.of(Math.toIntExact(b))),
            base.batchSize());
    Optional<Optional<EarlyStopping>> earlyStopping =
        training.optional(
            "earlyStopping",
            read.mappingOf(EARLY_STOPPING_KEYS, this::earlyStopping).map(Optional::of),
            base.earlyStopping());
    Optional<ContinuationPlan> continuation =
        training.optional(
            "continuation",
            read.mappingOf(CONTINUATION_KEYS, c -> continuation(c, base.continuation())),
            base.continuation());
    if (learningRateScale.isEmpty()
        || epochs.isEmpty()
        || batchSize.isEmpty()
        || earlyStopping.isEmpty()
        || continuation.isEmpty()) {
      return Optional.empty();
    }
    if (earlyStopping.get().isPresent() && earlyStopping.get().get().patience() >= epochs.get()) {
      Node where =
          training.get("earlyStopping").or(() -> training.get("epochs")).orElse(training.node());
      read.error(
          where,
          training.path(training.has("earlyStopping") ? "earlyStopping" : "epochs"),
          "early stopping patience "
              + earlyStopping.get().get().patience()
              + " can never stop a training of "
              + epochs.get()
              + " epoch"
              + (epochs.get() == 1 ? "" : "s")
              + "; make patience smaller than epochs");
      return Optional.empty();
    }
    return Optional.of(
        new TrainingPlan(
            learningRateScale.get(),
            Math.toIntExact(epochs.get()),
            batchSize.get(),
            earlyStopping.get(),
            continuation.get()));
  }

  /**
   * How the candidate continues: keys given here override {@code base} (the policy's, or the
   * defaults), like the training plan's own keys.
   */
  private Optional<ContinuationPlan> continuation(Fields c, ContinuationPlan base) {
    Optional<ContinuationPlan.Schedule> schedule =
        c.optional(
            "schedule",
            (n, path) ->
                read.choice(n, path, SCHEDULES)
                    .map(v -> ContinuationPlan.Schedule.valueOf(v.toUpperCase(Locale.ROOT))),
            base.schedule());
    Optional<Double> warmup =
        c.optional(
            "warmup",
            (n, path) ->
                read.number(
                    n,
                    path,
                    d -> d >= 0 && d <= ContinuationPlan.MAX_WARMUP,
                    "a fraction of the training's steps, from 0 to "
                        + ContinuationPlan.MAX_WARMUP
                        + " (0.1 warms up over the first tenth)"),
            base.warmup());
    Optional<ContinuationPlan.OptimizerState> state =
        c.optional(
            "optimizerState",
            (n, path) ->
                read.choice(n, path, OPTIMIZER_STATES)
                    .map(v -> ContinuationPlan.OptimizerState.valueOf(v.toUpperCase(Locale.ROOT))),
            base.optimizerState());
    if (schedule.isEmpty() || warmup.isEmpty() || state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ContinuationPlan(schedule.get(), warmup.get(), state.get()));
  }

  private Optional<EarlyStopping> earlyStopping(Fields stopping) {
    Optional<Long> patience =
        stopping.required("patience", "patience: 2", (n, path) -> read.integer(n, path, 1, 1000));
    Optional<Double> minDelta =
        stopping.optional(
            "minDelta", (n, path) -> read.number(n, path, d -> d >= 0, "a number >= 0"), 0.0);
    if (patience.isEmpty() || minDelta.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EarlyStopping(Math.toIntExact(patience.get()), minDelta.get()));
  }

  /**
   * A promotion gate: keys given here override {@code base} (the policy's gate, or the defaults).
   */
  NodeBinder<PromotionGate> promotion(PromotionGate base) {
    return read.mappingOf(PROMOTION_KEYS, promotion -> promotion(promotion, base));
  }

  private Optional<PromotionGate> promotion(Fields promotion, PromotionGate base) {
    Optional<MetricRef> metric;
    if (promotion.has("metric")) {
      metric = metrics.metric(promotion, false, Split.VALIDATION);
    } else if (promotion.has("mode")) {
      // A mode without a metric would silently apply to the inherited metric; say which.
      read.error(
          promotion.get("mode").orElseThrow(),
          promotion.path("mode"),
          "mode needs the metric it applies to; add metric: (the default is accuracy)");
      metric = Optional.empty();
    } else {
      metric = Optional.of(base.metric());
    }
    Optional<Double> minImprovement =
        promotion.optional(
            "minImprovement",
            (n, path) ->
                read.number(
                    n,
                    path,
                    d -> d >= 0,
                    "a number >= 0 (how much the candidate must beat the champion by)"),
            base.minImprovement());
    if (metric.isEmpty() || minImprovement.isEmpty()) {
      return Optional.empty();
    }
    if (promotion.has("minImprovement")
        && !metrics.checkFraction(
            metric.get().name(), promotion, "minImprovement", minImprovement.get())) {
      return Optional.empty();
    }
    return Optional.of(new PromotionGate(metric.get(), minImprovement.get(), base.maxParameters()));
  }

  Optional<Guards> guards(Node node, String path) {
    return read.mappingOf(GUARD_KEYS, this::guards).bind(node, path);
  }

  private Optional<Guards> guards(Fields guards) {
    Optional<Duration> cooldown =
        guards.optional(
            "cooldown", (n, path) -> read.duration(n, path, true), Guards.DEFAULT_COOLDOWN);
    Optional<Long> perDay =
        guards.optional(
            "maxGrowthsPerDay",
            (n, path) -> read.integer(n, path, 0, 100_000),
            (long) Guards.DEFAULT_MAX_GROWTHS_PER_DAY);
    Optional<OptionalLong> maxParameters =
        guards.optional(
            "maxParameters",
            (n, path) -> read.integer(n, path, 1, Long.MAX_VALUE).map(OptionalLong::of),
            OptionalLong.empty());
    Optional<Long> maxFailures =
        guards.optional(
            "maxConsecutiveFailures",
            (n, path) -> read.integer(n, path, 1, 1000),
            (long) Guards.DEFAULT_MAX_CONSECUTIVE_FAILURES);
    if (cooldown.isEmpty()
        || perDay.isEmpty()
        || maxParameters.isEmpty()
        || maxFailures.isEmpty()) {
      return Optional.empty();
    }
    if (perDay.get() == 0) {
      read.error(
          guards.get("maxGrowthsPerDay").orElseThrow(),
          guards.path("maxGrowthsPerDay"),
          "0 forbids every growth, which contradicts the policy's rules; allow at least 1 (or delete the policy)");
      return Optional.empty();
    }
    if (!cooldown.get().isZero() && guards.has("maxGrowthsPerDay")) {
      long fitInADay =
          Math.max(1, Duration.ofDays(1).toSeconds() / Math.max(1, cooldown.get().toSeconds()));
      if (perDay.get() > fitInADay) {
        read.warning(
            guards.get("maxGrowthsPerDay").orElseThrow(),
            guards.path("maxGrowthsPerDay"),
            "a cooldown of "
                + Durations.format(cooldown.get())
                + " allows at most "
                + fitInADay
                + " growths a day, so "
                + perDay.get()
                + " never binds");
      }
    }
    return Optional.of(
        new Guards(
            cooldown.get(),
            Math.toIntExact(perDay.get()),
            maxParameters.get(),
            Math.toIntExact(maxFailures.get())));
  }
}
