package dev.net2net.daemon.growth;

import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.events.EventSink;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.policy.Vocabularies;
import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.registry.Registry;
import dev.net2net.registry.alias.AliasMoveResult;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import dev.net2net.registry.model.VersionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a tournament whose candidates have all ended (or whose deadline passed), inside the
 * registry's {@code resolveOnce}, so in one transaction under the decision's row lock: of the
 * candidates that trained, those that pass the promotion gate against the champion they measured
 * compete on their improvement over it (ties to the earlier candidate); the best becomes {@code
 * ready} and champion (by compare-and-set from the tournament's champion), every other trained
 * candidate {@code rejected} with the reason, and the decision is resolved with the outcome. Runs
 * on whichever replica's worker committed the last candidate, or on the policy leader's sweep.
 */
public final class TournamentResolver {
  private static final Logger LOG = LoggerFactory.getLogger(TournamentResolver.class);

  private final Registry registry;
  private final DaemonMeters meters;
  private final EventSink events;
  private final String by;

  /**
   * @param by who decides (a worker id, or the policy leader), recorded with the champion's move
   */
  public TournamentResolver(Registry registry, DaemonMeters meters, EventSink events, String by) {
    this.registry = registry;
    this.meters = meters;
    this.events = events;
    this.by = by;
  }

  /** A trained candidate: its version and where it stands. */
  private record Entry(ModelVersion version, Standing standing) {
    int index() {
      return standing.index();
    }

    String summary(String metric) {
      return String.format(
          Locale.ROOT,
          "candidate %d (version %d, %s): %s %.4f -> %.4f",
          standing.index() + 1,
          version.number(),
          version.transform().map(t -> t.kind()).orElse("?"),
          metric,
          standing.champion(),
          standing.value());
    }
  }

  /** Tries to decide the tournament of {@code decision} now; empty if it is not (yet) to decide. */
  public Optional<GrowthOutcome> tryResolve(long decision) {
    return registry.tournaments().resolveOnce(decision, this::resolve);
  }

  /** The resolution itself; called by {@code resolveOnce} with the decision's row locked. */
  GrowthOutcome resolve(Tournament tournament) {
    long decision = tournament.decision().id();
    GrowthSpec spec = GrowthSpec.parse(tournament.candidates().get(0).spec());
    PromotionGate gate = spec.gate();
    String metric = gate.metric().name();
    int champion = spec.seat().orElseThrow().champion();
    List<Entry> trained = new ArrayList<>();
    List<String> ended = new ArrayList<>();
    for (GrowthJob job : tournament.candidates()) {
      int index = job.candidate().orElseThrow();
      Optional<Entry> entry = entry(job, index, metric);
      entry.ifPresent(trained::add);
      if (entry.isEmpty()) {
        ended.add(
            "candidate "
                + (index + 1)
                + " "
                + (job.status() == JobStatus.FAILED
                    ? "failed: " + job.lastError().orElse("?")
                    : "did not train"));
      }
    }
    Optional<Standing> best = Standing.winner(trained.stream().map(Entry::standing).toList(), gate);
    Optional<Entry> winner =
        best.flatMap(b -> trained.stream().filter(e -> e.standing() == b).findFirst());
    for (Entry e : trained) {
      if (winner.isPresent() && e == winner.get()) {
        registry.versions().updateState(e.version().ref(), VersionState.ready());
      } else {
        String reason =
            winner.isPresent()
                ? "candidate "
                    + (winner.get().index() + 1)
                    + " won the tournament of decision "
                    + decision
                    + " ("
                    + winner.get().summary(metric)
                    + "); this one "
                    + e.summary(metric)
                : "promotion gate: "
                    + e.summary(metric)
                    + String.format(Locale.ROOT, " (needs %+.4f)", gate.minImprovement());
        registry.versions().updateState(e.version().ref(), VersionState.rejected(reason));
      }
    }
    GrowthOutcome outcome;
    String results = trained.size() + " of " + tournament.candidates().size() + " trained";
    if (winner.isPresent()) {
      Entry w = winner.get();
      AliasMoveResult moved =
          registry
              .aliases()
              .move(
                  AliasName.CHAMPION,
                  w.version().ref(),
                  Optional.of(champion),
                  by,
                  spec.policy() + "/" + spec.rule() + ": tournament won by " + w.summary(metric));
      outcome =
          moved.moved()
              ? new GrowthOutcome(
                  AttemptOutcome.PROMOTED,
                  Optional.of(w.version().ref()),
                  "tournament won by " + w.summary(metric) + "; " + results)
              : new GrowthOutcome(
                  AttemptOutcome.REJECTED,
                  Optional.of(w.version().ref()),
                  "tournament won by "
                      + w.summary(metric)
                      + ", but the champion moved meanwhile; "
                      + results);
    } else if (!trained.isEmpty()) {
      outcome =
          new GrowthOutcome(
              AttemptOutcome.REJECTED,
              Optional.empty(),
              "no candidate passed the gate; " + results);
    } else {
      outcome =
          new GrowthOutcome(
              AttemptOutcome.FAILED,
              Optional.empty(),
              "no candidate trained: " + String.join("; ", ended));
    }
    registry
        .decisions()
        .resolve(
            decision,
            Vocabularies.decisionOutcome(outcome.outcome()),
            outcome.version().map(VersionRef::number));
    String model = tournament.decision().model().value();
    meters.tournamentDecided(model, outcome.outcome());
    // One growth attempt of kind tournament, from the decision to its outcome (the candidates' own
    // jobs are not counted as attempts).
    meters.growthAttempt(
        model,
        GrowthKind.TOURNAMENT,
        outcome.outcome(),
        Duration.between(tournament.decision().decidedAt(), Instant.now()));
    LOG.info("{}: tournament of decision {} decided by {}: {}", model, decision, by, outcome);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("decision", decision);
    fields.put("outcome", outcome.outcome().name());
    outcome.version().ifPresent(v -> fields.put("version", v.number()));
    fields.put("summary", outcome.summary());
    fields.put("by", by);
    events.publish(DaemonEvent.of(DaemonEvent.TOURNAMENT_DECIDED, model, fields));
    return outcome;
  }

  /** A candidate that trained and is still a candidate version, with its measurements. */
  private Optional<Entry> entry(GrowthJob job, int index, String metric) {
    if (job.status() != JobStatus.SUCCEEDED || job.resultVersion().isEmpty()) {
      return Optional.empty();
    }
    ModelVersion version =
        registry.versions().get(new VersionRef(job.model(), job.resultVersion().get()));
    if (version.state().status() != VersionStatus.CANDIDATE) {
      return Optional.empty();
    }
    List<Metric> metrics = registry.versions().metrics(version.ref());
    OptionalDouble value = finalValue(metrics, metric);
    OptionalDouble champion = finalValue(metrics, "champion_" + metric);
    if (value.isEmpty() || champion.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Entry(
            version,
            new Standing(
                index, value.getAsDouble(), champion.getAsDouble(), version.parameterCount())));
  }

  private static OptionalDouble finalValue(List<Metric> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.split().equals("validation") && m.name().equals(name) && m.epoch().isEmpty())
        .mapToDouble(Metric::value)
        .findFirst();
  }
}
