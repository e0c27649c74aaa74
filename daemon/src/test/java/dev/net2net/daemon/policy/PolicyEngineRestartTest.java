package dev.net2net.daemon.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryFixture;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The policy engine against a real registry, as it is after a restart: a new instance, the same
 * database.
 */
class PolicyEngineRestartTest {
  private static final String MODEL = "restarted";
  private static final ModelName NAME = new ModelName(MODEL);

  @TempDir Path dir;
  RegistryFixture fixture;
  Registry registry;
  Path policy;
  ManagedModel model;

  @BeforeEach
  void open() throws Exception {
    fixture = new RegistryFixture("engine_restart", dir.resolve("artifacts"));
    registry = fixture.registry;
    policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: restart}
        spec:
          model: restarted
          rules:
            - name: widen-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {layers: all-hidden, factor: 2}}
        """);
    LabeledImages two = new LabeledImages(Nd4j.zeros(2, 784), Nd4j.zeros(2, 10), 28, 28);
    model =
        new ManagedModel(
            new DaemonConfig.ModelSettings(
                MODEL,
                dir.resolve("data"),
                new DaemonConfig.Validation.FashionMnistTest(2),
                new dev.net2net.training.seed.Seed.Mlp(List.of(8), "relu", 1e-3),
                new DaemonConfig.SeedTraining(1, 2)),
            two);
    // two rows of data, as a shard's cache (the dataset holds caches, not arrays)
    model
        .dataset()
        .add(
            dev.net2net.datasets.cache.ShardCache.build(
                dir.resolve("two.cache"),
                "two",
                dev.net2net.datasets.split.HoldoutRule.none(),
                sink -> {
                  sink.begin(
                      dev.net2net.datasets.read.RowLayout.image(
                          new dev.net2net.datasets.schema.ImageShape(28, 28, 1, false), 10));
                  sink.row(new byte[784], 0);
                  sink.row(new byte[784], 1);
                  return 2;
                }));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private PolicyEngine engine() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DaemonMeters meters = new DaemonMeters(prometheus);
    meters.registerModel(MODEL);
    return new PolicyEngine(registry, meters, event -> {}, PolicySet.load(policy, Instant.now()));
  }

  @Test
  void holdingForTheSameReasonsAfterARestartRecordsNoNewDecision() {
    registry.models().create(NAME, "");
    ModelVersion seed = fixture.seed(NAME, "seed");
    registry.versions().updateState(seed.ref(), VersionState.ready());
    registry.aliases().move(AliasName.CHAMPION, seed.ref(), Optional.empty(), "test", "seed");

    engine().evaluate(model, Instant.now());
    engine().evaluate(model, Instant.now());
    PolicyEngine third = engine();
    third.evaluate(model, Instant.now());
    third.evaluate(model, Instant.now());

    assertThat(registry.decisions().recent(NAME, 100))
        .singleElement()
        .satisfies(d -> assertThat(d.outcome()).isEqualTo(DecisionOutcome.HELD));
  }

  @Test
  void aSeedWhoseJobTheQueueGaveUpOnIsEnqueuedAgainAfterABackoff() {
    long first = engine().evaluate(model, Instant.now()).orElseThrow();
    for (int attempt = 1; attempt <= 3; attempt++) {
      ClaimedJob claimed =
          registry.jobs().claim("crashing-worker", Duration.ofMinutes(1)).orElseThrow();
      assertThat(claimed.job().id()).isEqualTo(first);
      registry.jobs().fail(claimed.lease(), "the worker crashed", Duration.ZERO);
    }
    assertThat(registry.jobs().get(first).status()).isEqualTo(JobStatus.FAILED);

    long second = engine().evaluate(model, Instant.now()).orElseThrow();
    assertThat(engine().evaluate(model, Instant.now()))
        .as("one new round, not one per evaluation")
        .isEmpty();
    GrowthJob retry = registry.jobs().get(second);
    assertThat(retry.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(retry.dedupeKey()).isEqualTo(registry.jobs().get(first).dedupeKey() + ":retry-1");
    assertThat(Duration.between(retry.createdAt(), retry.runAfter()))
        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    assertThat(registry.jobs().claim("w", Duration.ofMinutes(1)))
        .as("not before its backoff")
        .isEmpty();
  }

  @Test
  void theSeedBackoffDoublesUpToHalfAnHour() {
    assertThat(PolicyEngine.seedBackoff(0)).isZero();
    assertThat(PolicyEngine.seedBackoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(PolicyEngine.seedBackoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(PolicyEngine.seedBackoff(6)).isEqualTo(Duration.ofMinutes(16));
    assertThat(PolicyEngine.seedBackoff(7)).isEqualTo(Duration.ofMinutes(30));
    assertThat(PolicyEngine.seedBackoff(1000)).isEqualTo(Duration.ofMinutes(30));
  }
}
