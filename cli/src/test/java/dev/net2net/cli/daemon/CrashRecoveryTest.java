package dev.net2net.cli.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.DaemonHarness;
import dev.net2net.daemon.Net2NetDaemon;
import dev.net2net.registry.Registry;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A daemon killed (SIGKILL, no goodbye) while it trains a grown model: the job's lease runs out, a
 * daemon started again on the same database claims it, and the job completes once, with one
 * version.
 */
class CrashRecoveryTest {
  private static final ModelName NAME = new ModelName(MODEL);

  /** Kept after the test (in target/), so a failure can be read. */
  private static final Path CHILD_LOG =
      Path.of("target", "crash-recovery-child.log").toAbsolutePath();

  @Test
  void aJobInterruptedByAKilledDaemonCompletesOnceAfterARestart() throws Exception {
    // Long enough training (many epochs of a wide layer) to be killed in the middle of it.
    String policy = DaemonHarness.widenOnGrowth(0.0, 30);
    try (DaemonHarness harness = DaemonHarness.create("crash", policy)) {
      Path config = harness.home().resolve("daemon.yaml");
      Files.writeString(
          config,
          String.format(
              Locale.ROOT,
              """
          home: %s
          http: {host: 127.0.0.1, port: 0, token: %s}
          database: {url: "%s"}
          artifacts: %s
          policies: %s
          models:
            - name: %s
              data: %s
              validation: {fashionMnistTest: 500}
              seed: {mlp: {hidden: [64], activation: relu}}
              seedTraining: {epochs: 1, batchSize: 64}
          worker: {id: doomed, lease: 5s, heartbeat: 1s, poll: 1s}
          evaluation: {interval: 2s}
          watch: {interval: 1s}
          """,
              harness.home(),
              DaemonHarness.TOKEN,
              harness.database().url().url(),
              harness.home().resolve("artifacts"),
              harness.policyFile(),
              MODEL,
              harness.dataFolder()));
      harness.drip(1000);
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx2g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.net2net.cli.Net2NetCommand",
                  "daemon",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(CHILD_LOG.toFile())
              .start();
      Registry registry = harness.registry();
      try {
        await(
            Duration.ofMinutes(2),
            "the child to train the seed (its log: " + CHILD_LOG + ")",
            () -> {
              if (!child.isAlive()) {
                throw new AssertionError(
                    "the child daemon exited with "
                        + child.exitValue()
                        + "; its log: "
                        + CHILD_LOG);
              }
              return registry.models().find(NAME).isPresent()
                  && registry.aliases().resolve(NAME, AliasName.CHAMPION).isPresent();
            });
        harness.drip(1000);
        await(
            Duration.ofMinutes(1),
            "the growth job to run in the child",
            () ->
                registry.jobs().recent(Optional.of(NAME), 10).stream()
                    .anyMatch(j -> j.decisionId().isPresent() && j.status() == JobStatus.RUNNING));
        Thread.sleep(1500);
        assertThat(child.isAlive()).as("the child is still training").isTrue();
      } finally {
        child.destroyForcibly().waitFor();
      }
      GrowthJob interrupted = growthJob(registry);
      assertThat(interrupted.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(registry.versions().list(NAME)).hasSize(1);

      // The job carries its training plan, so the survivor trains it exactly as the killed daemon
      // would have.
      harness.start("survivor");
      await(
          Duration.ofMinutes(3),
          "the interrupted job to complete after the restart",
          () -> growthJob(registry).status() == JobStatus.SUCCEEDED);
      GrowthJob done = growthJob(registry);
      assertThat(done.attempts()).isEqualTo(2);
      List<ModelVersion> versions = registry.versions().list(NAME);
      assertThat(versions).extracting(ModelVersion::number).containsExactly(1, 2);
      assertThat(done.resultVersion()).contains(2);
      assertThat(registry.decisions().get(done.decisionId().orElseThrow()).resultingVersion())
          .contains(2);
    }
  }

  @Test
  void aGracefulStopHandsTheRunningJobBackAndAnotherDaemonCompletesIt() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("graceful", DaemonHarness.widenOnGrowth(0.0, 30))) {
      harness.drip(1000);
      Net2NetDaemon first = harness.start(harness.config("first", 64));
      Registry registry = harness.registry();
      await(
          Duration.ofMinutes(2),
          "the seed",
          () ->
              registry.models().find(NAME).isPresent()
                  && registry.aliases().resolve(NAME, AliasName.CHAMPION).isPresent());
      harness.drip(1000);
      await(
          Duration.ofMinutes(1),
          "the growth job to run",
          () ->
              registry.jobs().recent(Optional.of(NAME), 10).stream()
                  .anyMatch(j -> j.decisionId().isPresent() && j.status() == JobStatus.RUNNING));
      first.stop();
      GrowthJob handedBack = growthJob(registry);
      assertThat(handedBack.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(handedBack.lastError())
          .hasValueSatisfying(e -> assertThat(e).contains("handed back"));
      assertThat(handedBack.attempts()).as("a hand-back does not use up an attempt").isZero();
      assertThat(handedBack.leaseOwner()).isEmpty();
      assertThat(registry.versions().list(NAME)).hasSize(1);

      harness.start(harness.config("second", 64));
      await(
          Duration.ofMinutes(2),
          "the second daemon to complete the job",
          () -> growthJob(registry).status() == JobStatus.SUCCEEDED);
      assertThat(registry.versions().list(NAME))
          .extracting(ModelVersion::number)
          .containsExactly(1, 2);
    }
  }

  private static GrowthJob growthJob(Registry registry) {
    return registry.jobs().recent(Optional.of(NAME), 10).stream()
        .filter(j -> j.decisionId().isPresent())
        .findFirst()
        .orElseThrow();
  }
}
