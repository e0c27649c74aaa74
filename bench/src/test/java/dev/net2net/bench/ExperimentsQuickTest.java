package dev.net2net.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick mode of every experiment (tiny data, one epoch, one seed, JMH without forks), run as CI
 * runs it: each must complete and write its markdown page, figures and raw curves. Nothing here is
 * a speed.
 */
class ExperimentsQuickTest {

  @Test
  void everyExperimentRunsAndWritesItsFiles(@TempDir Path out) throws IOException {
    Bench.run(
        "all",
        new String[] {"--quick", "--nd4j-threads", "1", "--out", out.toString()},
        "bench/run all --quick");

    for (String name : Bench.experiments().keySet()) {
      Path md = out.resolve(name + ".md");
      assertThat(md).as(name).exists();
      String page = Files.readString(md);
      assertThat(page)
          .contains("## Command", "bench/run all --quick", "## Machine", "Total run time");
      // Every figure the page shows was written.
      for (String line : page.lines().filter(l -> l.startsWith("![")).toList()) {
        String png = line.substring(line.indexOf("](") + 2, line.length() - 1);
        assertThat(out.resolve(png)).as(png).exists().isNotEmptyFile();
      }
      assertThat(page.lines().filter(l -> l.startsWith("![")).count())
          .as(name + " figures")
          .isPositive();
    }
    for (String csv :
        List.of(
            "wider-curves.csv", "deeper-curves.csv", "design-curves.csv", "optimizer-curves.csv")) {
      assertThat(Files.readAllLines(out.resolve(csv))).as(csv).hasSizeGreaterThan(2);
    }
    assertThat(Files.readString(out.resolve("wider.md")))
        .contains("net2net + noise", "random pad", "random init");
    assertThat(Files.readString(out.resolve("headline.md")))
        .contains("| wider | mlp | net2net + noise |");
    assertThat(Files.readString(out.resolve("throughput.md"))).contains("sgemm", "% of sgemm");
    assertThat(Files.readString(out.resolve("ingest.md")))
        .contains("| CSV, gzip |", "| Parquet |", "| IDX |", "| PNG folder |")
        .contains("streamed from the cache (CachedSource)");
  }

  @Test
  void unknownOptionsAndExperimentsAreRefusedBeforeAnythingRuns(@TempDir Path out) {
    assertThatThrownBy(
            () ->
                Bench.run(
                    "wider",
                    new String[] {"--quick", "--out", out.toString(), "--epoch", "3"},
                    "x"))
        .hasMessageContaining("unknown option(s) [epoch]");
    assertThatThrownBy(() -> Bench.run("widest", new String[] {"--quick"}, "x"))
        .hasMessageContaining("unknown experiment 'widest'");
    assertThat(out).isEmptyDirectory();
  }
}
