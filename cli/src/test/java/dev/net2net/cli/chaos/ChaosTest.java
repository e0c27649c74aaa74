package dev.net2net.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.cli.chaos.ChaosRunner.Fault;
import dev.net2net.cli.chaos.ChaosRunner.Result;
import dev.net2net.cli.chaos.ChaosRunner.Scenario;
import dev.net2net.registry.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite. In the build it runs one scenario (kill -9 at registration, inside the
 * job's fenced commit, and the job retried by the restarted daemon) in about a minute. With {@code
 * -Dnet2net.chaos=full} ({@code scripts/chaos}) it runs every scenario and writes {@code
 * docs/results/reliability.md}; {@code -Dnet2net.chaos.report=PATH} writes it elsewhere.
 */
class ChaosTest {
  static final List<String> PHASES =
      List.of(
          "shard-ingestion",
          "seed-training",
          "artifact-write",
          "transform",
          "student-training",
          "registration",
          "alias-move");

  @Test
  void everyFaultLeavesTheRegistryConsistent() throws Exception {
    boolean full = "full".equals(System.getProperty("net2net.chaos"));
    List<Scenario> scenarios = new ArrayList<>();
    if (full) {
      PHASES.forEach(p -> scenarios.add(Scenario.killAt(p, 1)));
      List.of("artifact-write", "student-training", "registration", "alias-move")
          .forEach(p -> scenarios.add(Scenario.killAt(p, 3)));
      scenarios.add(Scenario.randomKill(3, 1));
      scenarios.add(Scenario.randomKill(3, 2));
      scenarios.add(Scenario.postgres(Fault.POSTGRES_RESTART, 3, Duration.ZERO));
      scenarios.add(Scenario.postgres(Fault.POSTGRES_STOP, 1, Duration.ofSeconds(60)));
    } else {
      scenarios.add(Scenario.killAt("registration", 1));
    }
    List<Result> results = new ArrayList<>();
    long seed = 17;
    for (Scenario scenario : scenarios) {
      results.add(run(scenario, seed++, full));
      Result last = results.get(results.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "chaos: %s: %d kills, %d versions, anomalies %s (%.0f s)%n",
          scenario.name(),
          last.kills(),
          last.versions(),
          last.anomalies(),
          last.seconds());
    }
    if (full) {
      Path report =
          Path.of(
              System.getProperty(
                  "net2net.chaos.report",
                  Path.of(System.getProperty("user.dir"))
                      .resolveSibling("docs/results/reliability.md")
                      .toString()));
      Files.writeString(report, ReliabilityReport.markdown(results, Instant.now()));
    }
    assertThat(results)
        .allSatisfy(r -> assertThat(r.anomalies()).as(r.scenario().name()).isEmpty());
  }

  private static Result run(Scenario scenario, long seed, boolean full) throws Exception {
    Path home = Files.createTempDirectory("trust-chaos-");
    Duration limit = Duration.ofMinutes(full ? 5 : 3);
    try {
      if (scenario.fault() == Fault.POSTGRES_RESTART || scenario.fault() == Fault.POSTGRES_STOP) {
        try (PrivatePostgres postgres =
            PrivatePostgres.start(Files.createTempDirectory("trust-chaos-pg-"))) {
          postgres.awaitUp(Duration.ofSeconds(30));
          String url = postgres.createDatabase("chaos");
          return new ChaosRunner(scenario, home, url, Optional.of(postgres), limit, seed).run();
        }
      }
      try (TestDatabase database = TestDatabase.create("trust_chaos")) {
        return new ChaosRunner(scenario, home, database.url().url(), Optional.empty(), limit, seed)
            .run();
      }
    } finally {
      keepLogs(scenario, home);
      ChaosRunner.deleteTree(home);
    }
  }

  /** The replicas' logs, kept in target/chaos/ so a failure can be read. */
  private static void keepLogs(Scenario scenario, Path home) throws java.io.IOException {
    Path kept = Path.of("target", "chaos", scenario.name().replaceAll("[^A-Za-z0-9]+", "-"));
    Files.createDirectories(kept);
    try (var logs = Files.newDirectoryStream(home, "replica-*.log")) {
      for (Path log : logs) {
        Files.copy(
            log,
            kept.resolve(log.getFileName()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
