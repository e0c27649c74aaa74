package dev.net2net.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.db.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the benchmark (4,000 versions, a few registrations) so mvn verify keeps it working.
 */
class RegistryBenchmarkSmokeTest {

  @Test
  void aTinyRunProducesTheReportWithEveryFigure(@TempDir Path scratch) throws Exception {
    DatabaseUrl url = new DatabaseUrl.Embedded(scratch.resolve("postgres"));
    RegistryBenchmark.Options options =
        RegistryBenchmark.Options.parse(
            new String[] {
              "--versions",
              "4000",
              "--registrations",
              "8",
              "--threads",
              "1,2",
              "--lineage-queries",
              "3",
              "--out",
              scratch.resolve("report.md").toString()
            });
    String report;
    try (Registry registry = Registry.open(RegistryConfig.of(url, scratch.resolve("artifacts")))) {
      report = RegistryBenchmark.run(registry, options, url);
      assertThat(RegistryBenchmark.countVersions(registry)).isEqualTo(4000 + 4 * 8);
    }
    assertThat(report)
        .contains(
            "## Registration throughput", "| 1 | 0 | 8 |", "| 2 | 8 | 8 |", "| 1 | 4,016 | 8 |")
        .contains("| chain leaf (v1000) | bulk-chain-0:1000 | 999 | 0 |")
        .contains("| tree seed (v1) | bulk-tree-1:1 | 0 | 999 |")
        .contains("| broom tip (v500) | bulk-broom-2:500 | 499 | 500 |")
        .contains("| star seed (v1) | bulk-star-3:1 | 0 | 999 |");
    assertThat(Files.exists(scratch.resolve("report.md")))
        .isFalse(); // run() returns the text; main() writes it
  }

  @Test
  void shapesGiveTheDocumentedParents() {
    assertThat(RegistryBenchmark.parentOf("chain", 7)).isEqualTo(6);
    assertThat(RegistryBenchmark.parentOf("tree", 7)).isEqualTo(3);
    assertThat(RegistryBenchmark.parentOf("broom", 400)).isEqualTo(399);
    assertThat(RegistryBenchmark.parentOf("broom", 900)).isEqualTo(500);
    assertThat(RegistryBenchmark.parentOf("star", 900)).isEqualTo(1);
    assertThat(RegistryBenchmark.parentOf("star", 1)).isZero();
  }
}
