package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.registry.Registry;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Three daemons on one database, with a lease far shorter than the growth's training: the lease is
 * renewed while the job trains, so no other daemon takes the job over, and the decision produces
 * exactly one version. (Before the heartbeat had a thread of its own, it waited behind the training
 * task, the lease ran out, a second daemon claimed the job and both registered a version.)
 */
class LeasesHoldTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final Duration LEASE = Duration.ofSeconds(3);

  @Test
  void aGrowthThatTrainsLongerThanTheLeaseStaysWithOneWorkerAndMakesOneVersion() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("leases", DaemonHarness.widenOnGrowth(0.0, 120))) {
      harness.drip(1000);
      for (String worker : List.of("a", "b", "c")) {
        // The heartbeat is a third of the lease, as the configuration derives it.
        harness.start(
            harness.config(
                new DaemonConfig.Worker(worker, LEASE, LEASE.dividedBy(3), Duration.ofMillis(200)),
                new dev.net2net.training.seed.Seed.Mlp(List.of(64), "relu", 1e-3)));
      }
      Registry registry = harness.registry();
      harness.awaitSeed();
      harness.drip(1000);
      await(
          Duration.ofMinutes(4),
          "the growth job to end",
          () ->
              growthJob(registry)
                  .filter(j -> j.status() == JobStatus.SUCCEEDED || j.status() == JobStatus.FAILED)
                  .isPresent());

      GrowthJob job = growthJob(registry).orElseThrow();
      double trained = claimToFinishSeconds(harness, job.id());
      assertThat(trained)
          .as("the growth trained for longer than two leases, so it needed its heartbeats")
          .isGreaterThan(2.0 * LEASE.toMillis() / 1000.0);
      assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(job.attempts()).as("nobody took the job over").isEqualTo(1);
      assertThat(claims(harness, job.id())).isEqualTo(1);
      assertThat(registry.versions().list(NAME))
          .extracting(ModelVersion::number)
          .containsExactly(1, 2);
      assertThat(job.resultVersion()).contains(2);
      assertThat(registry.decisions().get(job.decisionId().orElseThrow()).resultingVersion())
          .contains(2);
    }
  }

  private static Optional<GrowthJob> growthJob(Registry registry) {
    return registry.jobs().recent(Optional.of(NAME), 10).stream()
        .filter(j -> j.decisionId().isPresent())
        .findFirst();
  }

  private static int claims(DaemonHarness harness, long job) throws Exception {
    try (Connection c = harness.database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM events WHERE type = 'job.claimed' AND payload ->> 'job' = ?")) {
      s.setString(1, Long.toString(job));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static double claimToFinishSeconds(DaemonHarness harness, long job) throws Exception {
    try (Connection c = harness.database().connect();
        PreparedStatement s =
            c.prepareStatement("SELECT duration_seconds FROM growth_history WHERE job = ?")) {
      s.setLong(1, job);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }
}
