package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.Enqueued;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.job.Lease;
import dev.net2net.registry.job.LeaseLostException;
import dev.net2net.registry.job.NewJob;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test has its own database: claims take the oldest due job of any model. */
class GrowthJobsTest {
  RegistryFixture fixture;
  Registry registry;
  int counter;

  @BeforeEach
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("jobs", artifacts);
    registry = fixture.registry;
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private ModelName newModel() {
    ModelName model = ModelName.of("queued-" + (++counter));
    registry.models().create(model, "");
    return model;
  }

  private static NewJob job(ModelName model, String key) {
    return NewJob.of(model, key, JsonDocument.of(Map.of("action", "widen", "layer", "dense_0")));
  }

  @Test
  void theSameDedupeKeyNeverMakesTwoJobs() {
    ModelName model = newModel();
    Enqueued first = registry.jobs().enqueue(job(model, model + ":decision:1"));
    Enqueued again = registry.jobs().enqueue(job(model, model + ":decision:1"));
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.job().id());
    assertThat(registry.jobs().activeCount(Optional.of(model))).isEqualTo(1);
  }

  @Test
  void workersClaimingConcurrentlyNeverGetTheSameJob() throws Exception {
    ModelName model = newModel();
    int jobs = 40;
    for (int i = 0; i < jobs; i++) {
      registry.jobs().enqueue(job(model, model + ":" + i));
    }
    int workers = 4;
    ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String owner = "worker-" + w;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (Optional<ClaimedJob> next;
                      (next = registry.jobs().claim(owner, Duration.ofMinutes(5))).isPresent(); ) {
                    claimed.add(next.get().job().id());
                    registry.jobs().complete(next.get().lease(), Optional.empty());
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
    assertThat(registry.jobs().activeCount(Optional.of(model))).isZero();
  }

  @Test
  void anExpiredLeaseIsReclaimedAndTheOldHolderIsLockedOut() throws Exception {
    ModelName model = newModel();
    long id = registry.jobs().enqueue(job(model, model + ":expiring")).job().id();
    ClaimedJob first = registry.jobs().claim("dying-worker", Duration.ofMillis(1)).orElseThrow();
    assertThat(first.job().id()).isEqualTo(id);
    waitUntilLeaseExpired(id);

    ClaimedJob second =
        registry.jobs().claim("healthy-worker", Duration.ofMinutes(5)).orElseThrow();
    assertThat(second.job().id()).isEqualTo(id);
    assertThat(second.job().attempts()).isEqualTo(2);
    assertThat(second.job().leaseOwner()).contains("healthy-worker");

    assertThatThrownBy(() -> registry.jobs().heartbeat(first.lease(), Duration.ofMinutes(1)))
        .isInstanceOf(LeaseLostException.class)
        .hasMessage(
            "growth job "
                + id
                + " is no longer held by 'dying-worker': it is running under a lease of 'healthy-worker'");
    assertThatThrownBy(() -> registry.jobs().complete(first.lease(), Optional.empty()))
        .isInstanceOf(LeaseLostException.class);

    Lease extended = registry.jobs().heartbeat(second.lease(), Duration.ofMinutes(10));
    assertThat(extended.expiresAt()).isAfter(second.lease().expiresAt());
    GrowthJob done = registry.jobs().complete(extended, Optional.empty());
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.finishedAt()).isPresent();
  }

  @Test
  void aHeldLeaseIsNotClaimable() {
    ModelName model = newModel();
    registry.jobs().enqueue(job(model, model + ":held"));
    ClaimedJob held = registry.jobs().claim("holder", Duration.ofMinutes(5)).orElseThrow();
    assertThat(registry.jobs().claim("other", Duration.ofMinutes(5))).isEmpty();
    registry.jobs().complete(held.lease(), Optional.empty());
  }

  @Test
  void failureRetriesUntilTheAttemptLimitThenFailsForGood() {
    ModelName model = newModel();
    registry.jobs().enqueue(job(model, model + ":flaky").withMaxAttempts(2));
    ClaimedJob attempt1 = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
    GrowthJob afterFirst = registry.jobs().fail(attempt1.lease(), "out of memory", Duration.ZERO);
    assertThat(afterFirst.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(afterFirst.lastError()).contains("out of memory");

    ClaimedJob attempt2 = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
    assertThat(attempt2.job().attempts()).isEqualTo(2);
    GrowthJob afterSecond =
        registry.jobs().fail(attempt2.lease(), "out of memory again", Duration.ZERO);
    assertThat(afterSecond.status()).isEqualTo(JobStatus.FAILED);
    assertThat(afterSecond.attempts()).isEqualTo(2);
    assertThat(registry.jobs().claim("w", Duration.ofMinutes(5))).isEmpty();
  }

  @Test
  void aJobWhoseLastLeaseExpiredIsFailedNotClaimed() throws Exception {
    ModelName model = newModel();
    long id = registry.jobs().enqueue(job(model, model + ":killer").withMaxAttempts(1)).job().id();
    registry.jobs().claim("w", Duration.ofMillis(1)).orElseThrow();
    waitUntilLeaseExpired(id);
    assertThat(registry.jobs().claim("w", Duration.ofMinutes(5))).isEmpty();
    GrowthJob job = registry.jobs().get(id);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.lastError()).contains("lease of w expired on attempt 1 of 1");
  }

  @Test
  void aWorkerWhoseLeaseWasTakenOverRegistersNothingEvenIfItHasNotNoticed() throws Exception {
    ModelName model = newModel();
    fixture.seed(model, "seed");
    long id = registry.jobs().enqueue(job(model, model + ":fenced")).job().id();
    ClaimedJob stale = registry.jobs().claim("slow-worker", Duration.ofMillis(1)).orElseThrow();
    waitUntilLeaseExpired(id);
    ClaimedJob current = registry.jobs().claim("fast-worker", Duration.ofMinutes(5)).orElseThrow();

    assertThatThrownBy(
            () ->
                registry
                    .jobs()
                    .underLease(
                        stale.lease(),
                        () -> {
                          fixture.grow(new VersionRef(model, 1), "the stale worker's student");
                          return registry
                              .jobs()
                              .complete(stale.lease(), Optional.of(new VersionRef(model, 2)));
                        }))
        .isInstanceOf(LeaseLostException.class);
    assertThat(registry.versions().list(model)).hasSize(1);

    GrowthJob done =
        registry
            .jobs()
            .underLease(
                current.lease(),
                () -> {
                  ModelVersion grown =
                      fixture.grow(new VersionRef(model, 1), "the current worker's student");
                  return registry.jobs().complete(current.lease(), Optional.of(grown.ref()));
                });
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.resultVersion()).contains(2);
    assertThat(registry.versions().list(model))
        .extracting(ModelVersion::number)
        .containsExactly(1, 2);
  }

  @Test
  void workUnderALeaseCommitsWholeOrNotAtAll() {
    ModelName model = newModel();
    fixture.seed(model, "seed");
    registry.jobs().enqueue(job(model, model + ":atomic"));
    ClaimedJob claimed = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
    assertThatThrownBy(
            () ->
                registry
                    .jobs()
                    .underLease(
                        claimed.lease(),
                        () -> {
                          fixture.grow(
                              new VersionRef(model, 1), "registered, then the process breaks");
                          throw new IllegalStateException(
                              "killed between registering and completing");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(registry.versions().list(model)).hasSize(1);
    assertThat(registry.jobs().get(claimed.job().id()).status()).isEqualTo(JobStatus.RUNNING);
    // The number the rolled-back version took is given back: numbers stay contiguous.
    assertThat(fixture.grow(new VersionRef(model, 1), "next").number()).isEqualTo(2);
  }

  @Test
  void aRenewalWaitsForACommitUnderTheLeaseRatherThanFailIt() throws Exception {
    ModelName model = newModel();
    registry.jobs().enqueue(job(model, model + ":renewed"));
    ClaimedJob claimed = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Lease> renewal =
          registry
              .jobs()
              .underLease(
                  claimed.lease(),
                  () -> {
                    Future<Lease> r =
                        other.submit(
                            () ->
                                registry.jobs().heartbeat(claimed.lease(), Duration.ofMinutes(5)));
                    try {
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    assertThat(r.isDone()).as("the renewal waits for the row lock").isFalse();
                    return r;
                  });
      assertThat(renewal.get(10, TimeUnit.SECONDS).jobId()).isEqualTo(claimed.job().id());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aJobHandedBackKeepsItsAttempts() {
    ModelName model = newModel();
    long id =
        registry.jobs().enqueue(job(model, model + ":handed-back").withMaxAttempts(1)).job().id();
    for (int i = 0; i < 3; i++) {
      ClaimedJob claimed = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
      assertThat(claimed.job().attempts()).isEqualTo(1);
      GrowthJob released =
          registry
              .jobs()
              .release(claimed.lease(), "handed back: the worker stopped", Duration.ZERO);
      assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(released.attempts()).isZero();
    }
    assertThat(registry.jobs().get(id).lastError()).contains("handed back: the worker stopped");
  }

  @Test
  void aJobThatFailsForGoodEndsItsDecisionToo() throws Exception {
    ModelName model = newModel();
    long byFailure =
        registry
            .decisions()
            .record(
                NewDecision.growth(
                    model, "p", "r", JsonDocument.of(Map.of()), "widen", GrowthKind.WIDEN))
            .id();
    long byExpiry =
        registry
            .decisions()
            .record(
                NewDecision.growth(
                    model, "p", "r", JsonDocument.of(Map.of()), "widen", GrowthKind.WIDEN))
            .id();
    registry.jobs().enqueue(job(model, model + ":a").forDecision(byFailure).withMaxAttempts(1));
    long expiring =
        registry
            .jobs()
            .enqueue(job(model, model + ":b").forDecision(byExpiry).withMaxAttempts(1))
            .job()
            .id();
    ClaimedJob failing = registry.jobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
    registry.jobs().fail(failing.lease(), "broken", Duration.ZERO);
    registry.jobs().claim("w", Duration.ofMillis(1)).orElseThrow();
    waitUntilLeaseExpired(expiring);
    assertThat(registry.jobs().claim("w", Duration.ofMinutes(5))).isEmpty();
    assertThat(registry.decisions().get(byFailure).outcome()).isEqualTo(DecisionOutcome.FAILED);
    assertThat(registry.decisions().get(byExpiry).outcome()).isEqualTo(DecisionOutcome.FAILED);
  }

  @Test
  void aRestartedWorkerTakesItsOwnJobBackAtOnceAndFirst() {
    ModelName model = newModel();
    registry.jobs().enqueue(job(model, model + ":older"));
    registry.jobs().enqueue(job(model, model + ":mine"));
    ClaimedJob older = registry.jobs().claim("someone-else", Duration.ofMinutes(5)).orElseThrow();
    ClaimedJob mine = registry.jobs().claim("restarting", Duration.ofMinutes(5)).orElseThrow();
    registry.jobs().release(older.lease(), "handed back", Duration.ZERO);

    assertThat(registry.jobs().expireLeasesOf("restarting")).isEqualTo(1);
    ClaimedJob again = registry.jobs().claim("restarting", Duration.ofMinutes(5)).orElseThrow();
    assertThat(again.job().id()).isEqualTo(mine.job().id());
    assertThat(again.job().attempts()).isEqualTo(2);
    assertThatThrownBy(() -> registry.jobs().heartbeat(mine.lease(), Duration.ofMinutes(1)))
        .isInstanceOf(LeaseLostException.class);
  }

  /** Waits on the database's clock (the one leases are measured in), not the test's. */
  private void waitUntilLeaseExpired(long jobId) throws SQLException, InterruptedException {
    try (Connection connection = fixture.database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT lease_expires_at < clock_timestamp() FROM growth_jobs WHERE id = ?")) {
      statement.setLong(1, jobId);
      for (int i = 0; i < 1000; i++) {
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    throw new AssertionError("the lease of job " + jobId + " never expired");
  }
}
