package dev.net2net.daemon.policy;

import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.events.EventSink;
import dev.net2net.daemon.growth.GrowthSpec;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import dev.net2net.policies.evaluate.Decision;
import dev.net2net.policies.evaluate.Evaluator;
import dev.net2net.policies.evaluate.GrowthAttempt;
import dev.net2net.policies.evaluate.History;
import dev.net2net.policies.evaluate.ManualRequest;
import dev.net2net.policies.evaluate.PendingConditions;
import dev.net2net.policies.evaluate.RuleReport;
import dev.net2net.policies.evaluate.Signals;
import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.Registry;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.job.Enqueued;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.job.NewJob;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns signals into durable growth jobs. For each model it builds the signals (data rows now and
 * at the champion's training, the champion's evaluations, its size, a pending manual request), asks
 * the pure policy evaluator, and when a rule fires records the decision with its reasons and
 * enqueues a job keyed by the decision, so a retry never enqueues twice. A model without a champion
 * gets a seed job once it has data. Blocking; the daemon calls it from one worker thread, on the
 * leader only.
 */
public final class PolicyEngine {
  private static final Duration MAX_SEED_BACKOFF = Duration.ofMinutes(30);

  /**
   * The signal under which a "held" decision keeps its reasons, so a restarted engine knows them.
   */
  private static final String HELD_BECAUSE = "heldBecause";

  private final Registry registry;
  private final DaemonMeters meters;
  private final EventSink events;
  private final AtomicReference<PolicySet> policies;
  private final Map<String, ModelState> states = new ConcurrentHashMap<>();

  /**
   * What the engine remembers of a model between evaluations; everything else is read from the
   * registry.
   */
  private static final class ModelState {
    PendingConditions pending = PendingConditions.none();

    /** The reasons of the last "held" decision recorded; null until read back from the registry. */
    String lastHeld;
  }

  public PolicyEngine(Registry registry, DaemonMeters meters, EventSink events, PolicySet initial) {
    this.registry = registry;
    this.meters = meters;
    this.events = events;
    this.policies = new AtomicReference<>(initial);
  }

  public PolicySet policies() {
    return policies.get();
  }

  public void replace(PolicySet next) {
    policies.set(next);
  }

  private ModelState state(String model) {
    return states.computeIfAbsent(model, m -> new ModelState());
  }

  /**
   * Records a manual growth request durably (as a decision with outcome {@code requested}), so that
   * whichever replica leads sees it, and it survives a restart.
   */
  public PolicyDecision requestManual(String model, Optional<String> rule, String by) {
    ModelName name = new ModelName(model);
    registry.models().get(name);
    return registry
        .decisions()
        .record(
            NewDecision.of(
                name,
                policies.get().forModel(model).map(GrowthPolicy::name).orElse("-"),
                rule.orElse("*"),
                JsonDocument.of(Map.of("requestedBy", by)),
                "manual",
                DecisionOutcome.REQUESTED));
  }

  /**
   * The growth history as the registry records it (every enqueued decision and how it ended), so
   * that any replica that leads keeps the guards (cooldown, daily limit, consecutive failures) the
   * previous leader was keeping, and a growth finished by another replica's worker counts at once.
   */
  static History history(
      List<PolicyDecision> recent, Map<Long, GrowthJob> jobs, PendingConditions pending) {
    History history = History.empty();
    for (PolicyDecision d : recent) {
      if (d.outcome().isGrowth() && d.growthKind().isPresent()) {
        GrowthAttempt started =
            new GrowthAttempt(
                d.decidedAt(),
                Optional.empty(),
                d.rule(),
                Vocabularies.actionKind(d.growthKind().get()),
                AttemptOutcome.IN_PROGRESS);
        history = history.withAttempt(started);
        AttemptOutcome outcome = Vocabularies.attemptOutcome(d.outcome());
        Instant finishedAt = d.updatedAt();
        GrowthJob job = jobs.get(d.id());
        if (outcome == AttemptOutcome.IN_PROGRESS
            && job != null
            && job.status() == JobStatus.FAILED) {
          // The queue gave the job up (its attempts ran out, or its last lease expired) without a
          // worker
          // resolving the decision; without this the attempt would look in progress for ever and
          // block growth.
          outcome = AttemptOutcome.FAILED;
          finishedAt = job.finishedAt().orElse(d.updatedAt());
        }
        if (outcome != AttemptOutcome.IN_PROGRESS) {
          history = history.withFinished(started, started.finished(finishedAt, outcome));
        }
      }
    }
    return history.withPending(pending);
  }

  /** The newest manual request not yet consumed, if it came after the last growth. */
  private static Optional<PolicyDecision> pendingManual(List<PolicyDecision> recent) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      PolicyDecision d = recent.get(i);
      if (d.outcome() == DecisionOutcome.REQUESTED) {
        return Optional.of(d);
      }
      if (d.outcome() == DecisionOutcome.CONSUMED) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** One evaluation of one model's policy. Returns the job enqueued, if any. */
  public Optional<Long> evaluate(ManagedModel model, Instant now) {
    ModelName name = new ModelName(model.name());
    Optional<GrowthPolicy> policy = policies.get().forModel(model.name());
    Optional<Integer> champion =
        registry.models().find(name).isEmpty()
            ? Optional.empty()
            : registry.aliases().resolve(name, AliasName.CHAMPION);
    if (champion.isEmpty()) {
      return seedIfReady(model, name);
    }
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    ModelVersion version = registry.versions().get(new VersionRef(name, champion.get()));
    List<ChampionEvaluation> evaluations =
        model.evaluations().stream().filter(e -> !e.at().isBefore(version.createdAt())).toList();
    ModelState state = state(model.name());
    List<PolicyDecision> recent = new ArrayList<>(registry.decisions().recent(name, 500));
    recent.sort(
        java.util.Comparator.comparing(PolicyDecision::decidedAt)
            .thenComparing(PolicyDecision::id));
    Optional<PolicyDecision> manual = pendingManual(recent);
    Signals signals =
        new Signals(
            now,
            model.name(),
            model.dataset().rows(),
            version.dataset().rows(),
            version.createdAt(),
            evaluations,
            version.parameterCount(),
            manual.map(
                m ->
                    new ManualRequest(
                        m.decidedAt(),
                        m.rule().equals("*") ? Optional.empty() : Optional.of(m.rule()))));
    Map<Long, GrowthJob> jobs = new java.util.HashMap<>();
    registry.jobs().recent(Optional.of(name), 500).stream()
        // a tournament's candidates end one by one: its decision says when the attempt ended
        .filter(j -> j.candidate().isEmpty())
        .forEach(j -> j.decisionId().ifPresent(d -> jobs.put(d, j)));
    Decision decision =
        Evaluator.decide(policy.get(), signals, history(recent, jobs, state.pending));
    state.pending = decision.nextPending();
    for (RuleReport rule : decision.rules()) {
      meters.policyEvaluation(model.name(), rule.rule(), rule.verdict().name().toLowerCase());
    }
    if (decision.consumesManualRequest() && manual.isPresent()) {
      registry.decisions().resolve(manual.get().id(), DecisionOutcome.CONSUMED, Optional.empty());
    }
    JsonDocument seen =
        JsonDocument.of(
            Map.of(
                "datasetRows",
                signals.datasetRows(),
                "championRows",
                signals.championRows(),
                "championVersion",
                champion.get(),
                "championParameters",
                signals.championParameters(),
                "evaluations",
                evaluations.size(),
                "explanation",
                decision.explain()));
    if (state.lastHeld == null) {
      // After a restart (or a change of leader) the last recorded reasons are the registry's, so
      // holding
      // for the same reasons as before the restart records nothing new.
      state.lastHeld = recent.isEmpty() ? "" : lastHeldReasons(recent.get(recent.size() - 1));
    }
    if (decision.growth().isEmpty()) {
      String held = heldSummary(decision);
      if (!held.equals(state.lastHeld)) {
        // Holding is recorded when its reasons change, not on every tick, so the table stays
        // readable.
        state.lastHeld = held;
        registry
            .decisions()
            .record(
                NewDecision.of(
                    name,
                    policy.get().name(),
                    "-",
                    seen.with(HELD_BECAUSE, held),
                    "none",
                    DecisionOutcome.HELD));
      }
      return Optional.empty();
    }
    var growth = decision.growth().get();
    state.lastHeld = "";
    if (growth.action() instanceof Action.Tournament tournament) {
      // One decision, one job per candidate, recorded together: any replica's worker may take any.
      Tournament entered =
          registry
              .tournaments()
              .enter(
                  NewDecision.growth(
                      name,
                      growth.policy(),
                      growth.rule(),
                      seen,
                      growth.action().kind().name() + ": " + growth.action().describe(),
                      Vocabularies.growthKind(growth.action().kind())),
                  tournament.deadline(),
                  GrowthSpec.candidates(growth, champion.get()).stream()
                      .map(GrowthSpec::toJson)
                      .toList(),
                  NewJob.DEFAULT_MAX_ATTEMPTS);
      events.publish(
          DaemonEvent.of(
              DaemonEvent.DECISION,
              model.name(),
              Map.of(
                  "rule",
                  growth.rule(),
                  "action",
                  growth.action().describe(),
                  "decision",
                  entered.decision().id(),
                  "candidates",
                  entered.candidates().size())));
      return Optional.of(entered.candidates().get(0).id());
    }
    PolicyDecision recorded =
        registry
            .decisions()
            .record(
                NewDecision.growth(
                    name,
                    growth.policy(),
                    growth.rule(),
                    seen,
                    growth.action().kind().name() + ": " + growth.action().describe(),
                    Vocabularies.growthKind(growth.action().kind())));
    Enqueued job =
        registry
            .jobs()
            .enqueue(
                NewJob.of(name, "decision:" + recorded.id(), GrowthSpec.of(growth).toJson())
                    .forDecision(recorded.id()));
    events.publish(
        DaemonEvent.of(
            DaemonEvent.DECISION,
            model.name(),
            Map.of(
                "rule",
                growth.rule(),
                "action",
                growth.action().describe(),
                "decision",
                recorded.id(),
                "job",
                job.job().id())));
    return Optional.of(job.job().id());
  }

  private Optional<Long> seedIfReady(ManagedModel model, ModelName name) {
    if (model.dataset().rows() == 0) {
      return Optional.empty();
    }
    registry.models().getOrCreate(name, "grown by net2net");
    // The key names the seed configuration: a seed that failed is not retried for ever, but a
    // corrected
    // configuration (a lower rate, another architecture) gets a job of its own.
    String key =
        "seed:"
            + name.value()
            + ":"
            + Integer.toHexString(
                model.settings().seed().hashCode() * 31
                    + model.settings().seedTraining().hashCode());
    // A seed job the queue gave up on (its workers crashed or were killed on every attempt, not a
    // training
    // that failed: that completes the job with a failed version) must not leave the model without a
    // champion for ever: a new round is enqueued, each after a longer wait.
    long failedRounds =
        registry.jobs().recent(Optional.of(name), 500).stream()
            .filter(j -> j.dedupeKey().equals(key) || j.dedupeKey().startsWith(key + ":retry-"))
            .filter(j -> j.status() == JobStatus.FAILED)
            .count();
    String roundKey = failedRounds == 0 ? key : key + ":retry-" + failedRounds;
    Enqueued job =
        registry
            .jobs()
            .enqueue(
                NewJob.of(name, roundKey, GrowthSpec.seed().toJson())
                    .withDelay(seedBackoff(failedRounds)));
    return job.created() ? Optional.of(job.job().id()) : Optional.empty();
  }

  /** No wait for the first round; then 30 s, 1 min, 2 min, ... up to 30 min between rounds. */
  static Duration seedBackoff(long failedRounds) {
    if (failedRounds == 0) {
      return Duration.ZERO;
    }
    Duration wait = Duration.ofSeconds(30L << Math.min(failedRounds - 1, 6));
    return wait.compareTo(MAX_SEED_BACKOFF) > 0 ? MAX_SEED_BACKOFF : wait;
  }

  private static String lastHeldReasons(PolicyDecision latest) {
    return latest.outcome() == DecisionOutcome.HELD
        ? latest.signals().string(HELD_BECAUSE).orElse("")
        : "";
  }

  private static String heldSummary(Decision decision) {
    StringBuilder s = new StringBuilder();
    for (RuleReport rule : decision.rules()) {
      s.append(rule.rule()).append('=').append(rule.verdict()).append(rule.blockedBy()).append(';');
    }
    return s.toString();
  }
}
