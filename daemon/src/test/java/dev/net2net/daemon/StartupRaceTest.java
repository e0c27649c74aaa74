package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.net2net.daemon.growth.GrowthSpec;
import dev.net2net.registry.Registry;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.job.NewJob;
import dev.net2net.registry.model.ModelName;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A job waiting in the queue when a daemon starts without the data to run it: the worker hands it
 * back without using an attempt (and without a stack trace), again and again, and runs it once the
 * data is there. (It used to fail it with "no training data yet", an attempt gone each time.)
 */
class StartupRaceTest {
  @Test
  void aJobClaimedBeforeItsDataIsThereKeepsItsAttemptsAndRunsLater() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    try (DaemonHarness harness =
        DaemonHarness.create("startup", DaemonHarness.widenOnGrowth(0.0, 1))) {
      Registry registry = harness.registry();
      ModelName name = new ModelName(MODEL);
      registry.models().create(name, "");
      long id =
          registry
              .jobs()
              .enqueue(
                  NewJob.of(name, "seed:left-by-a-previous-run", GrowthSpec.seed().toJson())
                      .withMaxAttempts(1))
              .job()
              .id();
      harness.start("early");
      await(
          Duration.ofSeconds(30),
          "the worker to have tried the job",
          () -> registry.jobs().get(id).lastError().isPresent());
      Thread.sleep(2000);
      GrowthJob waiting = registry.jobs().get(id);
      assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(waiting.attempts()).isZero();
      assertThat(waiting.lastError())
          .hasValueSatisfying(e -> assertThat(e).contains("no training data yet"));
      assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();

      harness.drip(1000);
      await(
          Duration.ofMinutes(2),
          "the job to run once the data is there",
          () -> registry.jobs().get(id).status() == JobStatus.SUCCEEDED);
      assertThat(registry.jobs().get(id).attempts()).isEqualTo(1);
    } finally {
      root.detachAppender(log);
    }
  }
}
