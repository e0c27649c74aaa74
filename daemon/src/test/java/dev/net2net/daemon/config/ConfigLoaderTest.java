package dev.net2net.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aMinimalConfigurationGetsSafeDefaults() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write("models: [{name: fashion-mlp}]\n"), Map.of("NET2NET_HOME", dir.toString()));
    assertThat(config.home()).isEqualTo(dir);
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().token()).isEmpty();
    assertThat(config.databaseUrl()).isEqualTo("embedded:" + dir.resolve("postgres"));
    assertThat(config.artifacts()).isEqualTo(dir.resolve("artifacts"));
    assertThat(config.policies()).isEqualTo(dir.resolve("policies.yaml"));
    DaemonConfig.ModelSettings model = config.models().get(0);
    assertThat(model.data()).isEqualTo(dir.resolve("data").resolve("fashion-mlp"));
    assertThat(model.validation()).isEqualTo(new DaemonConfig.Validation.FashionMnistTest(2000));
    assertThat(model.seed()).isInstanceOf(dev.net2net.training.seed.Seed.Mlp.class);
    assertThat(config.worker().heartbeat()).isLessThan(config.worker().lease());
    // A crashed worker's job must be claimable again within a minute: one lease plus one poll.
    assertThat(config.worker().lease().plus(config.worker().poll()))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aLeaseAloneGetsAHeartbeatDerivedFromIt() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write("models: [{name: m}]\nworker: {lease: 20s}\n"),
            Map.of("NET2NET_HOME", dir.toString()));
    assertThat(config.worker().lease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.worker().heartbeat()).isEqualTo(Duration.ofSeconds(20).dividedBy(3));
  }

  @Test
  void everySettingIsReadAndRelativePathsFollowTheFile() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write(
                """
        home: state
        http: {host: 0.0.0.0, port: 9090, token: a-long-enough-secret-token}
        database: {url: "jdbc:postgresql://db/n2n"}
        artifacts: /srv/artifacts
        policies: growth.yaml
        models:
          - name: a
            data: incoming/a
            validation: {fashionMnistTest: 500}
            seed: {inception: {widthMultiplier: 0.54, modules: 2}}
            seedTraining: {epochs: 4, batchSize: 128}
          - name: b
            seed: {import: b.zip}
        worker: {id: w1, lease: 3m, heartbeat: 30s, poll: 2s}
        evaluation: {interval: 30s}
        watch: {interval: 5s}
        preservation: {tolerance: 1e-5}
        """),
            Map.of());
    assertThat(config.home()).isEqualTo(dir.resolve("state"));
    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().token()).contains("a-long-enough-secret-token");
    assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db/n2n");
    assertThat(config.policies()).isEqualTo(dir.resolve("growth.yaml"));
    assertThat(config.models().get(0).data()).isEqualTo(dir.resolve("incoming/a"));
    assertThat(config.models().get(0).seed())
        .isEqualTo(new dev.net2net.training.seed.Seed.Inception(0.54, 2, 1e-3));
    assertThat(config.models().get(1).seed())
        .isEqualTo(new dev.net2net.training.seed.Seed.Import(dir.resolve("b.zip")));
    assertThat(config.worker().lease()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.scanInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.preservationTolerance()).isEqualTo(1e-5);
  }

  @Test
  void theEnvironmentOverridesTheFile() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write("http: {port: 9090}\nmodels: [{name: m}]\n"),
            Map.of(
                "NET2NET_HTTP_PORT",
                "7070",
                "NET2NET_DB_URL",
                "postgresql://h/db",
                "NET2NET_API_TOKEN",
                "env-token-0123456789",
                "NET2NET_POLICIES",
                "/etc/n2n/policy.yaml"));
    assertThat(config.http().port()).isEqualTo(7070);
    assertThat(config.databaseUrl()).isEqualTo("postgresql://h/db");
    assertThat(config.http().token()).contains("env-token-0123456789");
    assertThat(config.policies()).isEqualTo(Path.of("/etc/n2n/policy.yaml"));
  }

  @Test
  void theFailoverTimingsAreReadInMillisecondsToo() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write(
                "models: [{name: m}]\n"
                    + "worker: {lease: 3s, heartbeat: 1s, poll: 250ms}\n"
                    + "leader: {poll: 500ms, tick: 1s}\n"),
            Map.of());

    assertThat(config.worker().poll()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.leader())
        .isEqualTo(new DaemonConfig.Leader(Duration.ofMillis(500), Duration.ofSeconds(1)));
    assertThat(ConfigLoader.load(write("models: [{name: m}]\n"), Map.of()).leader())
        .as("the defaults")
        .isEqualTo(new DaemonConfig.Leader(Duration.ofSeconds(5), Duration.ofSeconds(10)));
  }

  @Test
  void timingsTooShortOrTooLongAreRefusedWithTheirPlaceAndWhy() throws Exception {
    Path file =
        write(
            """
        models: [{name: m}]
        worker: {lease: 100ms, heartbeat: 20ms, poll: 10ms}
        leader: {poll: 1h, tick: 5ms, every: 2s}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:2:17")
                                .contains("worker.lease must be at least 500ms"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:2:")
                                .contains("worker.poll must be at least 50ms"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:3:16")
                                .contains("leader.poll (1h) is longer than 10m"))
                    .anySatisfy(p -> assertThat(p).contains("leader.tick must be at least 50ms"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:3:")
                                .contains("unknown key 'leader.every'")));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPlace() throws Exception {
    Path file =
        write(
            """
        htp: {port: 80}
        http: {port: 99999, token: short}
        models:
          - name: Bad Name
          - name: ok
            seed: {mlp: {hidden: [0], activation: tanhh}}
            seedTraining: {epochs: lots}
        worker: {lease: 10s, heartbeat: 1m}
        watch: {interval: -5s}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("NET2NET_HTTP_PORT", "eighty")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:1:1")
                                .contains("unknown key 'htp'")
                                .contains("did you mean"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:2:")
                                .contains("http.port must be 0..65535"))
                    .anySatisfy(p -> assertThat(p).contains("at least 16 characters"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:4:")
                                .contains("model name 'Bad Name'"))
                    .anySatisfy(p -> assertThat(p).contains("positive whole numbers"))
                    .anySatisfy(p -> assertThat(p).contains("unknown activation 'tanhh'"))
                    .anySatisfy(
                        p -> assertThat(p).contains("seedTraining.epochs must be a whole number"))
                    .anySatisfy(p -> assertThat(p).contains("must be shorter than worker.lease"))
                    .anySatisfy(p -> assertThat(p).contains("watch.interval"))
                    .anySatisfy(p -> assertThat(p).contains("NET2NET_HTTP_PORT")));
  }

  @Test
  void computeDefaultsComeFromTheMachineAndTheMeasuredBatchSize() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(write("models: [{name: m}]\n"), Map.of("NET2NET_HOME", dir.toString()));
    assertThat(config.compute().settings())
        .isEqualTo(dev.net2net.training.ComputeSettings.forMachine());
    assertThat(config.compute().batchSize())
        .isEqualTo(dev.net2net.training.TrainingLoop.DEFAULT_BATCH_SIZE);
    assertThat(config.models().get(0).seedTraining().batchSize())
        .isEqualTo(dev.net2net.training.TrainingLoop.DEFAULT_BATCH_SIZE);
  }

  @Test
  void theComputeSectionSetsThreadsHelpersAndTheDefaultBatchSize() throws Exception {
    DaemonConfig config =
        ConfigLoader.load(
            write(
                """
                compute: {threads: 3, onednn: false, batchSize: 256}
                models:
                  - name: a
                  - name: b
                    seedTraining: {epochs: 2, batchSize: 32}
                """),
            Map.of("NET2NET_HOME", dir.toString()));
    assertThat(config.compute().settings())
        .isEqualTo(new dev.net2net.training.ComputeSettings(3, false));
    assertThat(config.compute().batchSize()).isEqualTo(256);
    assertThat(config.models().get(0).seedTraining().batchSize()).isEqualTo(256);
    assertThat(config.models().get(1).seedTraining().batchSize()).isEqualTo(32);
    DaemonConfig auto =
        ConfigLoader.load(
            write("compute: {threads: auto}\nmodels: [{name: m}]\n"),
            Map.of("NET2NET_HOME", dir.toString()));
    assertThat(auto.compute().settings().threads())
        .isEqualTo(dev.net2net.training.ComputeSettings.physicalCores());
  }

  @Test
  void badComputeValuesAreReportedWhereTheyAre() throws Exception {
    Path file =
        write(
            """
            models: [{name: m}]
            compute:
              threads: many
              onednn: maybe
              batchSize: 0
              thread: 2
            """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("NET2NET_HOME", dir.toString())))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:3:12")
                                .contains("compute.threads must be 'auto'")
                                .contains("or a whole number 1..1024, found 'many'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:4:11")
                                .contains("compute.onednn must be true or false, found 'maybe'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:5:14")
                                .contains("compute.batchSize must be 1..65536, found 0"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("daemon.yaml:6:3")
                                .contains("unknown key 'compute.thread'")
                                .contains("did you mean")));
  }

  @Test
  void brokenFilesAreRefusedInOneLine() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.yaml: no such file");
    assertThatThrownBy(() -> ConfigLoader.load(write(""), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ConfigLoader.load(write("models: [name: x\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("YAML syntax error");
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThatThrownBy(() -> ConfigLoader.load(binary, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a UTF-8 text file");
    assertThatThrownBy(() -> ConfigLoader.load(write("http: {port: 1}\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'models' is required");
  }
}
