package dev.net2net.spark;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.DaemonHarness;
import dev.net2net.daemon.config.ConfigLoader;
import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import dev.net2net.training.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon with this module on its classpath and a configuration that trains its model on Spark:
 * the seed and the widened candidate are trained on a local cluster of two executor JVMs, and the
 * registry records them as it records candidates trained in-process.
 */
class SparkDaemonTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final String CLUSTER = "local-cluster[2,1,1024]";

  @BeforeAll
  static void sparkHome() throws Exception {
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
  }

  @AfterAll
  static void stop() {
    SparkEngine.stopContext();
  }

  @Test
  void aModelConfiguredForSparkGrowsWithItsTrainingOnTheCluster() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("spark", DaemonHarness.widenOnGrowth(0.0, 1))) {
      Path file = harness.home().resolve("daemon.yaml");
      Files.writeString(
          file,
          String.format(
              """
              http: {host: 127.0.0.1, port: 0, token: %s}
              database: {url: "%s"}
              policies: %s
              models:
                - name: %s
                  data: %s
                  validation: {fashionMnistTest: 500}
                  seed: {mlp: {hidden: [16]}}
                  seedTraining: {epochs: 1, batchSize: 64}
                  training: {engine: spark, master: "%s", averagingFrequency: 3}
              worker: {id: spark-worker, poll: 1s}
              evaluation: {interval: 2s}
              watch: {interval: 1s}
              """,
              DaemonHarness.TOKEN,
              harness.database().url().url(),
              harness.policyFile(),
              MODEL,
              harness.dataFolder(),
              CLUSTER));
      DaemonConfig config =
          ConfigLoader.load(file, Map.of("NET2NET_HOME", harness.home().toString()));
      assertThat(config.models().get(0).training())
          .isEqualTo(
              new EngineChoice("spark", Map.of("master", CLUSTER, "averagingFrequency", "3")));

      harness.drip(1000);
      harness.start(config);
      Registry registry = harness.registry();
      harness.awaitSeed();
      // The seed was trained on the cluster: this JVM holds a context on its master.
      assertThat(SparkContexts.current())
          .hasValueSatisfying(c -> assertThat(c.master()).isEqualTo(CLUSTER));

      harness.drip(1000);
      await(
          Duration.ofMinutes(4),
          "a widened version",
          () -> registry.versions().list(NAME).size() >= 2);
      ModelVersion wider = registry.versions().get(new VersionRef(NAME, 2));
      assertThat(wider.parent()).contains(1);
      assertThat(wider.state().status()).isIn(VersionStatus.READY, VersionStatus.REJECTED);
      assertThat(wider.transform())
          .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo("widen"));
      assertThat(registry.versions().metrics(wider.ref()))
          .anySatisfy(m -> assertThat(m.name()).isEqualTo("accuracy"));
    }
  }
}
