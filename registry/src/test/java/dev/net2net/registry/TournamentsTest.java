package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.job.LeaseLostException;
import dev.net2net.registry.model.ModelName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tournaments on the real PostgreSQL: one decision and its candidate jobs recorded together, the
 * decision resolved exactly once however the candidates end (together, failed, or overtaken by the
 * deadline), and a failed candidate never ending its tournament's decision by itself.
 */
class TournamentsTest {
  RegistryFixture fixture;
  Registry registry;
  ModelName model = ModelName.of("tournament");

  @BeforeEach
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("tournaments", artifacts);
    registry = fixture.registry;
    registry.models().create(model, "");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private Tournament enter(int candidates, Duration deadline) {
    return registry
        .tournaments()
        .enter(
            NewDecision.growth(
                model,
                "p",
                "r",
                JsonDocument.of(Map.of()),
                "tournament of " + candidates,
                GrowthKind.TOURNAMENT),
            deadline,
            IntStream.range(0, candidates)
                .mapToObj(i -> JsonDocument.of(Map.of("candidate", i)))
                .toList(),
            3);
  }

  /** The resolution the daemon runs, reduced to resolving the decision and counting. */
  private String resolve(Tournament t, AtomicInteger runs) {
    runs.incrementAndGet();
    registry.decisions().resolve(t.decision().id(), DecisionOutcome.REJECTED, Optional.empty());
    return t.candidates().stream().map(j -> j.status().label()).reduce("", (a, b) -> a + b + ",");
  }

  @Test
  void aTournamentIsOneDecisionAndOneJobPerCandidate() {
    Tournament t = enter(3, Duration.ofHours(1));

    assertThat(t.decision().growthKind()).contains(GrowthKind.TOURNAMENT);
    assertThat(t.decision().outcome()).isEqualTo(DecisionOutcome.ENQUEUED);
    assertThat(t.candidates()).extracting(j -> j.candidate().getAsInt()).containsExactly(0, 1, 2);
    assertThat(t.candidates()).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.QUEUED));
    assertThat(t.candidates())
        .extracting(GrowthJob::dedupeKey)
        .containsExactly(
            "decision:" + t.decision().id() + ":candidate:0",
            "decision:" + t.decision().id() + ":candidate:1",
            "decision:" + t.decision().id() + ":candidate:2");
    assertThat(t.deadline()).isAfter(t.decision().decidedAt().plus(Duration.ofMinutes(59)));
    assertThat(registry.jobs().candidatesInFlight(Optional.of(model))).isEqualTo(3);
    assertThat(registry.tournaments().recent(model, 10)).hasSize(1);
  }

  @Test
  void itIsDecidedOnlyWhenEveryCandidateHasEndedAndThenOnlyOnce() {
    Tournament t = enter(2, Duration.ofHours(1));
    long id = t.decision().id();
    AtomicInteger runs = new AtomicInteger();
    ClaimedJob a = registry.jobs().claim("w1", Duration.ofMinutes(5)).orElseThrow();
    ClaimedJob b = registry.jobs().claim("w2", Duration.ofMinutes(5)).orElseThrow();

    registry.jobs().complete(a.lease(), Optional.empty());
    assertThat(registry.tournaments().resolveOnce(id, x -> resolve(x, runs))).isEmpty();
    assertThat(registry.tournaments().due()).isEmpty();

    registry.jobs().fail(b.lease(), "broken", Duration.ZERO);
    registry
        .jobs()
        .fail(
            registry.jobs().claim("w2", Duration.ofMinutes(5)).orElseThrow().lease(),
            "broken",
            Duration.ZERO);
    registry
        .jobs()
        .fail(
            registry.jobs().claim("w2", Duration.ofMinutes(5)).orElseThrow().lease(),
            "broken",
            Duration.ZERO);
    assertThat(registry.decisions().get(id).outcome())
        .as("a candidate failed for good does not end the tournament's decision by itself")
        .isEqualTo(DecisionOutcome.ENQUEUED);
    assertThat(registry.tournaments().due()).containsExactly(id);

    assertThat(registry.tournaments().resolveOnce(id, x -> resolve(x, runs)))
        .contains("succeeded,failed,");
    assertThat(registry.tournaments().resolveOnce(id, x -> resolve(x, runs))).isEmpty();
    assertThat(runs).hasValue(1);
    assertThat(registry.tournaments().due()).isEmpty();
  }

  @Test
  void twoLastCandidatesCommittingAtOnceDecideItOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      Tournament t = enter(2, Duration.ofHours(1));
      long id = t.decision().id();
      List<ClaimedJob> claimed =
          List.of(
              registry.jobs().claim("w1", Duration.ofMinutes(5)).orElseThrow(),
              registry.jobs().claim("w2", Duration.ofMinutes(5)).orElseThrow());
      AtomicInteger runs = new AtomicInteger();
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Optional<String>>> commits = new ArrayList<>();
        for (ClaimedJob job : claimed) {
          commits.add(
              pool.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    // what a candidate's worker commits: decision lock, lease fence, completion,
                    // then the attempt to decide
                    return registry
                        .tournaments()
                        .underDecisionLock(
                            id,
                            () ->
                                registry
                                    .jobs()
                                    .underLease(
                                        job.lease(),
                                        () -> {
                                          registry.jobs().complete(job.lease(), Optional.empty());
                                          return registry
                                              .tournaments()
                                              .resolveOnce(id, x -> resolve(x, runs));
                                        }));
                  }));
        }
        long decided = 0;
        for (Future<Optional<String>> commit : commits) {
          decided += commit.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(decided).as("round " + round).isEqualTo(1);
        assertThat(runs).hasValue(1);
        assertThat(registry.decisions().get(id).outcome()).isEqualTo(DecisionOutcome.REJECTED);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theDeadlineDecidesWithoutTheUnfinishedAndTheirWorkersLoseTheirLeases() throws Exception {
    Tournament t = enter(3, Duration.ofMillis(300));
    long id = t.decision().id();
    ClaimedJob done = registry.jobs().claim("w1", Duration.ofMinutes(5)).orElseThrow();
    ClaimedJob slow = registry.jobs().claim("w2", Duration.ofMinutes(5)).orElseThrow();
    registry.jobs().complete(done.lease(), Optional.empty());
    Thread.sleep(400);

    assertThat(registry.tournaments().due()).containsExactly(id);
    AtomicInteger runs = new AtomicInteger();
    assertThat(registry.tournaments().resolveOnce(id, x -> resolve(x, runs)))
        .contains("succeeded,failed,failed,");

    assertThatThrownBy(() -> registry.jobs().heartbeat(slow.lease(), Duration.ofMinutes(1)))
        .isInstanceOf(LeaseLostException.class);
    assertThat(registry.jobs().candidatesOf(id))
        .filteredOn(j -> j.status() == JobStatus.FAILED)
        .allSatisfy(
            j ->
                assertThat(j.lastError())
                    .hasValueSatisfying(e -> assertThat(e).contains("deadline")));
    assertThat(registry.jobs().claim("w3", Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void aResolutionThatDoesNotResolveTheDecisionWritesNothing() {
    Tournament t = enter(2, Duration.ofMillis(1));
    long id = t.decision().id();

    assertThatThrownBy(() -> registry.tournaments().resolveOnce(id, x -> "forgot"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not resolve its decision");
    assertThat(registry.jobs().candidatesOf(id))
        .allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.QUEUED));
  }
}
