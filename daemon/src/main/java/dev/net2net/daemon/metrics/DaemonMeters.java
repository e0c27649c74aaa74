package dev.net2net.daemon.metrics;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.registry.decision.GrowthKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's own meters. Labels have bounded cardinality: a model name, a transform kind, a rule
 * name, an outcome; never a version number. Prometheus renders {@code net2net.growth.attempts} as
 * {@code net2net_growth_attempts_total} and timers as {@code _seconds}.
 */
public final class DaemonMeters {
  public static final String DATASET_ROWS = "net2net.dataset.rows";
  public static final String SHARDS = "net2net.dataset.shards";
  public static final String CHAMPION_ACCURACY = "net2net.champion.accuracy";
  public static final String CHAMPION_LOSS = "net2net.champion.loss";
  public static final String CHAMPION_PARAMETERS = "net2net.champion.parameters";
  public static final String CHAMPION_VERSION = "net2net.champion.version";
  public static final String GROWTH_ATTEMPTS = "net2net.growth.attempts";
  // Histogram buckets (Prometheus 'le' bounds) for work that takes seconds to hours, so dashboards
  // show
  // p50 and p95 with histogram_quantile. Explicit bounds keep the series few (12 to 14 per timer)
  // where a
  // percentile histogram would publish some 70; a quantile is exact to the bucket it falls in.
  static final Duration[] GROWTH_BUCKETS =
      seconds(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400);
  static final Duration[] TRANSFORM_BUCKETS =
      seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);
  static final Duration[] EPOCH_BUCKETS =
      seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600);

  public static final String GROWTH_DURATION = "net2net.growth.duration";
  public static final String TRANSFORM_DURATION = "net2net.transform.duration";
  public static final String PRESERVATION_ERROR = "net2net.preservation.error";
  public static final String EPOCH_DURATION = "net2net.training.epoch.duration";
  public static final String SAMPLES_PER_SECOND = "net2net.training.samples.per.second";
  public static final String POLICY_EVALUATIONS = "net2net.policy.evaluations";
  public static final String JOB_QUEUE_DEPTH = "net2net.jobs.queue.depth";
  public static final String JOB_QUEUE_AGE = "net2net.jobs.queue.oldest.age";
  public static final String LEADER = "net2net.policy.leader";
  public static final String CANDIDATES_IN_FLIGHT = "net2net.tournament.candidates.in.flight";
  public static final String TOURNAMENTS = "net2net.tournaments";
  public static final String WORKER_JOBS = "net2net.worker.jobs";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public DaemonMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A gauge holding the last value set; doubles are kept as their bits so one map serves all
   * gauges.
   */
  private void set(String name, String description, String baseUnit, double value, String... tags) {
    String key = name + String.join(",", tags);
    AtomicLong holder =
        gauges.computeIfAbsent(
            key,
            k -> {
              AtomicLong h = new AtomicLong(Double.doubleToLongBits(Double.NaN));
              Gauge.builder(name, h, a -> Double.longBitsToDouble(a.get()))
                  .description(description)
                  .baseUnit(baseUnit)
                  .tags(tags)
                  .register(registry);
              return h;
            });
    holder.set(Double.doubleToLongBits(value));
  }

  /**
   * Registers a model's counters at zero, so that Prometheus sees them before their first event and
   * {@code rate()} and {@code increase()} count that event too.
   */
  public void registerModel(String model) {
    for (GrowthKind kind : GrowthKind.values()) {
      for (AttemptOutcome outcome : AttemptOutcome.values()) {
        if (outcome != AttemptOutcome.IN_PROGRESS) {
          Counter.builder(GROWTH_ATTEMPTS)
              .description("Growth attempts, by kind and outcome")
              .tags("model", model, "kind", kind.metricLabel(), "outcome", outcomeLabel(outcome))
              .register(registry);
        }
      }
    }
    for (AttemptOutcome outcome : AttemptOutcome.values()) {
      if (outcome != AttemptOutcome.IN_PROGRESS) {
        Counter.builder(TOURNAMENTS)
            .description("Tournaments decided, by outcome")
            .tags("model", model, "outcome", outcomeLabel(outcome))
            .register(registry);
      }
    }
    for (String outcome : new String[] {"ingested", "quarantined"}) {
      Counter.builder(SHARDS)
          .description("Dataset shards seen, by outcome")
          .tags("model", model, "outcome", outcome)
          .register(registry);
    }
  }

  public void datasetRows(String model, long rows) {
    set(DATASET_ROWS, "Rows of training data ingested", "rows", rows, "model", model);
  }

  public void shard(String model, String outcome) {
    Counter.builder(SHARDS)
        .description("Dataset shards seen, by outcome")
        .tags("model", model, "outcome", outcome)
        .register(registry)
        .increment();
  }

  public void champion(String model, int version, double accuracy, double loss, long parameters) {
    set(CHAMPION_ACCURACY, "Validation accuracy of the champion", null, accuracy, "model", model);
    set(CHAMPION_LOSS, "Validation cross-entropy of the champion", null, loss, "model", model);
    set(
        CHAMPION_PARAMETERS,
        "Parameters of the champion",
        "parameters",
        parameters,
        "model",
        model);
    set(CHAMPION_VERSION, "Version number of the champion", null, version, "model", model);
  }

  public void growthAttempt(String model, GrowthKind kind, AttemptOutcome outcome, Duration took) {
    if (outcome == AttemptOutcome.IN_PROGRESS) {
      throw new IllegalArgumentException(
          "a growth attempt is counted when it ends, not while in progress");
    }
    Counter.builder(GROWTH_ATTEMPTS)
        .description("Growth attempts, by kind and outcome")
        .tags("model", model, "kind", kind.metricLabel(), "outcome", outcomeLabel(outcome))
        .register(registry)
        .increment();
    Timer.builder(GROWTH_DURATION)
        .description("Time a growth took, from claim to outcome")
        .serviceLevelObjectives(GROWTH_BUCKETS)
        .tags("model", model, "kind", kind.metricLabel())
        .register(registry)
        .record(took);
  }

  public void transform(String model, String kind, Duration took, double preservationError) {
    Timer.builder(TRANSFORM_DURATION)
        .description("Time to build the student from the champion")
        .serviceLevelObjectives(TRANSFORM_BUCKETS)
        .tags("kind", kind)
        .register(registry)
        .record(took);
    if (Double.isFinite(preservationError)) {
      DistributionSummary.builder(PRESERVATION_ERROR)
          .description("Measured max |champion - student| right after the transform")
          .tags("model", model, "kind", kind)
          .register(registry)
          .record(preservationError);
    }
  }

  public void epoch(String model, Duration took, double samplesPerSecond) {
    Timer.builder(EPOCH_DURATION)
        .description("Duration of one training epoch")
        .serviceLevelObjectives(EPOCH_BUCKETS)
        .tags("model", model)
        .register(registry)
        .record(took);
    set(
        SAMPLES_PER_SECOND,
        "Training throughput of the last epoch, in samples per second",
        null,
        samplesPerSecond,
        "model",
        model);
  }

  public void policyEvaluation(String model, String rule, String outcome) {
    Counter.builder(POLICY_EVALUATIONS)
        .description("Policy rule evaluations, by outcome")
        .tags("model", model, "rule", rule, "outcome", outcome)
        .register(registry)
        .increment();
  }

  public void queueDepth(long jobs) {
    set(JOB_QUEUE_DEPTH, "Growth jobs queued or running", null, jobs);
  }

  /** Zero when nothing waits: a queue that is empty is as fresh as a queue can be. */
  public void queueAge(Duration oldestQueued) {
    set(
        JOB_QUEUE_AGE,
        "Age of the oldest queued growth job (0 when none is queued)",
        "seconds",
        oldestQueued.toNanos() / 1e9);
  }

  public void leader(boolean leading) {
    set(LEADER, "1 while this replica leads the policy engine", null, leading ? 1 : 0);
  }

  /** Tournament candidates queued or running, across every replica (read from the registry). */
  public void candidatesInFlight(long candidates) {
    set(CANDIDATES_IN_FLIGHT, "Tournament candidates queued or running", null, candidates);
  }

  /** A tournament decided (on whichever replica decided it), by outcome. */
  public void tournamentDecided(String model, AttemptOutcome outcome) {
    Counter.builder(TOURNAMENTS)
        .description("Tournaments decided, by outcome")
        .tags("model", model, "outcome", outcomeLabel(outcome))
        .register(registry)
        .increment();
  }

  /**
   * A job this replica's worker ran, by worker id (bounded: one per replica), kind of job ({@code
   * seed}, {@code growth}, {@code candidate}) and how it ended ({@code succeeded}, {@code failed},
   * {@code handed_back}, {@code lease_lost}): the per-replica work of the dashboards.
   */
  public void workerJob(String worker, String kind, String outcome) {
    Counter.builder(WORKER_JOBS)
        .description("Jobs run by this replica's worker, by kind and outcome")
        .tags("worker", worker, "kind", kind, "outcome", outcome)
        .register(registry)
        .increment();
  }

  private static String outcomeLabel(AttemptOutcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static Duration[] seconds(double... bounds) {
    Duration[] durations = new Duration[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
    }
    return durations;
  }
}
