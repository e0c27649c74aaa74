package dev.net2net.cli.failover;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.DaemonHarness;
import dev.net2net.registry.Registry;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Three daemon processes on one PostgreSQL (loopback only), measured: (a) a tournament of three
 * candidates is spread over the replicas' workers and decided once; (b) the same with the worker of
 * one candidate killed with SIGKILL mid-training (at the {@code student-training} failpoint): its
 * lease expires, another replica finishes the candidate, and the tournament is still decided once;
 * (c) the policy leader is killed with SIGKILL and the time until another replica leads and makes
 * the next decision (a manual growth request sent right after the kill) is measured; (d) the time
 * from the kill in (b) until the killed worker's job is claimed, and finished, elsewhere.
 *
 * <p>The scenarios share one set of three processes (starting three JVMs is the slow part), so they
 * are the steps of one test. The figures go to {@code target/failover-results.md} (or {@code
 * -Dnet2net.failover.report}); {@code -Dnet2net.failover.repetitions=N} repeats (b)-(d) N times for
 * docs/results/failover.md.
 */
class ThreeReplicaFailoverTest {
  static final String LEASE = "3s";
  static final String HEARTBEAT = "1s";
  static final String LEADER_POLL = "500ms";
  private static final ModelName NAME = new ModelName(MODEL);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private static String policy() {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: failover}
        spec:
          model: %s
          rules:
            - name: tournament-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action:
                tournament:
                  deadline: 10m
                  candidates:
                    - widen: {factor: 1.5}
                    - widen: {factor: 2}
                    - deepen: {after: last-hidden}
            - name: manual-widen
              when: {manual: true}
              action: {widen: {factor: 1.25}}
          training: {learningRateScale: 0.1, epochs: 3, batchSize: 64}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1s, maxGrowthsPerDay: 1000, maxConsecutiveFailures: 100}
        """,
        MODEL);
  }

  private final List<String> rows = new ArrayList<>();
  private final List<Replica> replicas = new ArrayList<>();
  private Registry registry;
  private Path armed;
  private int rowsDripped;
  private DaemonHarness harness;

  @Test
  void threeReplicasSpreadATournamentSurviveAKilledWorkerAndAKilledLeader() throws Exception {
    int repetitions = Integer.getInteger("net2net.failover.repetitions", 1);
    Instant started = Instant.now();
    try (DaemonHarness h = DaemonHarness.create("failover", policy())) {
      harness = h;
      registry = h.registry();
      armed = h.home().resolve("armed-student-training");
      for (String id : List.of("r1", "r2", "r3")) {
        replicas.add(
            Replica.configure(
                id,
                h.home(),
                h.database().url().url(),
                h.home().resolve("artifacts"),
                h.policyFile(),
                MODEL,
                h.dataFolder(),
                DaemonHarness.TOKEN,
                armed));
      }
      try {
        for (Replica r : replicas) {
          r.start();
        }
        drip(1000);
        await(
            "the seed",
            () ->
                registry.models().find(NAME).isPresent()
                    && registry.aliases().resolve(NAME, AliasName.CHAMPION).isPresent());
        await("three replicas up", () -> replicas.stream().allMatch(Replica::ready));

        tournamentSpreadAndDecidedOnce();
        for (int i = 1; i <= repetitions; i++) {
          workerKilledMidCandidate(i);
          leaderKilled(i);
        }
      } finally {
        for (Replica r : replicas) {
          r.stop();
        }
        writeReport(started, repetitions);
      }
    }
  }

  // ---- (a)

  private void tournamentSpreadAndDecidedOnce() throws Exception {
    long before = registry.events().latestId();
    int movesBefore = championMoves();
    Instant t0 = Instant.now();
    Tournament t = growAndAwaitTournament();
    double seconds = seconds(t0, Instant.now());
    assertDecidedOnce(t, before, movesBefore);
    Set<String> owners = claimedBy(t, before);
    assertThat(owners).as("candidates claimed by").hasSizeGreaterThanOrEqualTo(2);
    rows.add(
        String.format(
            Locale.ROOT,
            "| (a) tournament of 3, no fault | decision %d: %s | candidates trained by %d replicas (%s) | %.1f s from the data growth to the decision |",
            t.decision().id(),
            t.decision().outcome().label(),
            owners.size(),
            String.join(", ", owners),
            seconds));
  }

  // ---- (b) and (d)

  private void workerKilledMidCandidate(int repetition) throws Exception {
    long before = registry.events().latestId();
    int movesBefore = championMoves();
    Files.writeString(armed, "armed");
    Instant grew = Instant.now();
    drip((rowsDripped + 1) / 2);
    Replica victim = awaitValue("a replica at the student-training failpoint", this::atFailpoint);
    Tournament open = latestTournament().orElseThrow();
    GrowthJob interrupted =
        open.candidates().stream()
            .filter(j -> j.leaseOwner().equals(Optional.of(victim.id)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(victim.id + " holds no candidate of " + open));
    boolean wasLeader = victim.leads();
    victim.kill();
    Instant killed = Instant.now();

    Tournament t = awaitValue("the tournament to be decided", () -> decided(open.decision().id()));
    GrowthJob finished =
        t.candidates().stream().filter(j -> j.id() == interrupted.id()).findFirst().orElseThrow();
    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEqualTo(2);
    assertDecidedOnce(t, before, movesBefore);
    Event reclaim =
        registry.events().after(before, 1000).stream()
            .filter(e -> e.type().equals("job.claimed"))
            .filter(e -> field(e, "job") == interrupted.id())
            .filter(e -> !e.payload().string("owner").equals(Optional.of(victim.id)))
            .findFirst()
            .orElseThrow();
    Instant reclaimed = reclaim.occurredAt();
    String reclaimer = reclaim.payload().string("owner").orElse("?");
    // A worker runs one job at a time: the orphan waits for its lease to expire and for a worker
    // to be free. Whether the replica that took it over was still training its own candidate:
    String busy =
        t.candidates().stream()
            .filter(j -> j.id() != interrupted.id())
            .filter(j -> claimedBy(j, before).equals(Optional.of(reclaimer)))
            .map(j -> j.finishedAt().orElseThrow())
            .filter(end -> end.isAfter(killed))
            .map(
                end ->
                    String.format(
                        Locale.ROOT,
                        "; %s was training its own candidate until %.2f s after the kill",
                        reclaimer,
                        seconds(killed, end)))
            .findFirst()
            .orElse("; " + reclaimer + " was idle");
    rows.add(
        String.format(
            Locale.ROOT,
            "| (b)+(d) #%d worker %s%s killed mid-candidate | decision %d: %s, candidate job %d in 2 attempts | reclaimed by %s %.2f s after the kill (lease %s%s) | finished there %.2f s after the kill; tournament decided %.1f s after the data growth |",
            repetition,
            victim.id,
            wasLeader ? " (also the leader)" : "",
            t.decision().id(),
            t.decision().outcome().label(),
            interrupted.id(),
            reclaimer,
            seconds(killed, reclaimed),
            LEASE,
            busy,
            seconds(killed, finished.finishedAt().orElseThrow()),
            seconds(grew, t.decision().updatedAt())));
    victim.start();
    await(victim.id + " back", victim::ready);
  }

  // ---- (c)

  private void leaderKilled(int repetition) throws Exception {
    Replica leader =
        awaitValue("a leader", () -> replicas.stream().filter(Replica::leads).findFirst());
    List<Replica> survivors = replicas.stream().filter(r -> r != leader).toList();
    await("no growth in progress", () -> registry.jobs().activeCount(Optional.of(NAME)) == 0);
    leader.kill();
    Instant killed = Instant.now();
    int accepted =
        survivors.get(0).post("/api/models/" + MODEL + "/grow", DaemonHarness.TOKEN, "{}");
    assertThat(accepted).isEqualTo(202);
    Replica next =
        awaitValue(
            "another replica to lead", () -> survivors.stream().filter(Replica::leads).findFirst());
    Instant leads = Instant.now();
    PolicyDecision decision =
        awaitValue(
            "the new leader's decision on the manual request",
            () ->
                registry.decisions().recent(NAME, 20).stream()
                    .filter(d -> d.rule().equals("manual-widen") && d.outcome().isGrowth())
                    .filter(d -> d.decidedAt().isAfter(killed))
                    .findFirst());
    rows.add(
        String.format(
            Locale.ROOT,
            "| (c) #%d leader %s killed | decision %d by the new leader %s | new leader seen %.2f s after the kill (leader poll %s; seen by polling /metrics every 0.1 s) | next decision recorded %.2f s after the kill |",
            repetition,
            leader.id,
            decision.id(),
            next.id,
            seconds(killed, leads),
            LEADER_POLL,
            seconds(killed, decision.decidedAt())));
    await(
        "the manual growth to end",
        () -> registry.decisions().get(decision.id()).outcome() != DecisionOutcome.ENQUEUED);
    leader.start();
    await(leader.id + " back", leader::ready);
  }

  // ---- checks

  /** One decision, resolved once (one event), one champion move, one winner, the rest rejected. */
  private void assertDecidedOnce(Tournament t, long eventsBefore, int movesBefore) {
    assertThat(t.candidates()).hasSize(3);
    assertThat(t.candidates()).extracting(GrowthJob::status).containsOnly(JobStatus.SUCCEEDED);
    long resolutions =
        registry.events().after(eventsBefore, 2000).stream()
            .filter(e -> e.type().equals("decision.resolved"))
            .filter(e -> field(e, "decision") == t.decision().id())
            .count();
    assertThat(resolutions).as("resolutions of decision " + t.decision().id()).isEqualTo(1);
    List<ModelVersion> candidates =
        t.candidates().stream()
            .map(
                j ->
                    registry
                        .versions()
                        .get(
                            new dev.net2net.registry.model.VersionRef(
                                NAME, j.resultVersion().orElseThrow())))
            .toList();
    assertThat(candidates)
        .extracting(v -> v.state().status())
        .containsExactlyInAnyOrder(
            VersionStatus.READY, VersionStatus.REJECTED, VersionStatus.REJECTED);
    assertThat(t.decision().outcome()).isEqualTo(DecisionOutcome.PROMOTED);
    assertThat(championMoves()).isEqualTo(movesBefore + 1);
  }

  private Set<String> claimedBy(Tournament t, long eventsBefore) {
    Set<String> owners = new LinkedHashSet<>();
    for (Event e : registry.events().after(eventsBefore, 2000)) {
      if (e.type().equals("job.claimed")
          && t.candidates().stream().anyMatch(j -> field(e, "job") == j.id())) {
        e.payload().string("owner").ifPresent(owners::add);
      }
    }
    return owners;
  }

  /** The worker whose claim of {@code job} came last (the one that finished it). */
  private Optional<String> claimedBy(GrowthJob job, long eventsBefore) {
    Optional<String> owner = Optional.empty();
    for (Event e : registry.events().after(eventsBefore, 2000)) {
      if (e.type().equals("job.claimed") && field(e, "job") == job.id()) {
        owner = e.payload().string("owner");
      }
    }
    return owner;
  }

  private Tournament growAndAwaitTournament() throws Exception {
    Optional<Long> last = latestTournament().map(t -> t.decision().id());
    drip((rowsDripped + 1) / 2);
    Tournament open =
        awaitValue(
            "a new tournament",
            () -> latestTournament().filter(t -> !Optional.of(t.decision().id()).equals(last)));
    return awaitValue("the tournament to be decided", () -> decided(open.decision().id()));
  }

  private Optional<Tournament> decided(long decision) {
    return registry.tournaments().find(decision).filter(Tournament::resolved);
  }

  private Optional<Tournament> latestTournament() {
    return registry.tournaments().recent(NAME, 50).stream().findFirst();
  }

  private Optional<Replica> atFailpoint() {
    return replicas.stream()
        .filter(
            r -> {
              try {
                return r.alive() && r.atFailpoint();
              } catch (java.io.IOException e) {
                return false;
              }
            })
        .findFirst();
  }

  private int championMoves() {
    return registry.aliases().history(NAME, AliasName.CHAMPION).size();
  }

  private void drip(int rows) {
    harness.drip(rows);
    rowsDripped += rows;
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    awaitValue(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  private <T> T awaitValue(String what, Supplier<Optional<T>> probe) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after " + PATIENCE + " waiting for " + what + "; logs in " + harness.home());
      }
      Thread.sleep(100);
    }
  }

  /** A number field of an event's payload, or -1. */
  private static long field(Event e, String name) {
    return e.payload().number(name).map(Number::longValue).orElse(-1L);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private void writeReport(Instant started, int repetitions) throws Exception {
    Path report =
        Path.of(
            System.getProperty(
                "net2net.failover.report",
                Path.of("target", "failover-results.md").toAbsolutePath().toString()));
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Run %s, %.0f s, %d repetition(s) of (b)-(d); worker lease %s, heartbeat %s, worker poll 250ms, leader poll %s, leader tick 1s; %d cores, load average %s at the end.%n%n",
            started,
            seconds(started, Instant.now()),
            repetitions,
            LEASE,
            HEARTBEAT,
            LEADER_POLL,
            Runtime.getRuntime().availableProcessors(),
            loadAverage()));
    md.append("| scenario | what happened | measured | measured |\n|---|---|---|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    Files.createDirectories(report.getParent());
    Files.writeString(report, md.toString());
    System.out.println(md);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
