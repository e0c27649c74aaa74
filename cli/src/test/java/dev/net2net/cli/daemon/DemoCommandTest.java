package dev.net2net.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, briefly: it starts on embedded defaults, drips data, trains the seed
 * and stops.
 */
class DemoCommandTest {
  @TempDir Path home;

  @Test
  void theDemoRunsOnEmbeddedDefaultsAndStopsByItself() throws Exception {
    CliRun run =
        CliRun.of(
            "demo",
            "--minutes",
            "0.75",
            "--http-port",
            "0",
            "--home",
            home.toString(),
            "--start-rows",
            "2000",
            "--drip-rows",
            "2000",
            "--drip-every",
            "15");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("dripping Fashion-MNIST")
        .contains("daemon     up. Watch the model grow: http://127.0.0.1:")
        .contains("/api/models/fashion-mlp/aliases/champion/artifact")
        .contains("/metrics")
        .contains("fashion-mlp has 2,000 rows")
        .contains("training   seed epoch 1/2")
        .contains("promoted   seed version 1")
        .contains("versions of fashion-mlp (champion: v")
        .contains("stopped.");
    try (var runs = Files.list(home)) {
      Path folder = runs.findFirst().orElseThrow();
      assertThat(folder.resolve("demo-policy.yaml")).exists();
      assertThat(folder.resolve("api-token")).exists();
      assertThat(folder.resolve("daemon.log")).isNotEmptyFile();
    }
  }

  @Test
  void badOptionsAreRefused() {
    CliRun run = CliRun.of("demo", "--minutes", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--minutes must be positive");
  }
}
