package dev.net2net.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.bench.Bench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream benchmark in quick mode (a few hundred images, tiny models, one seed) against the
 * local PostgreSQL that {@code scripts/test} starts, as CI runs it: the daemon's code path must
 * grow a lineage, and the page's curves must say something true, not merely exist.
 */
class StreamQuickTest {
  @TempDir static Path out;
  static List<String[]> curves;
  static List<String[]> growths;
  static String page;

  @BeforeAll
  static void runTheQuickStream() throws IOException {
    Bench.run(
        "stream",
        new String[] {"--quick", "--nd4j-threads", "1", "--out", out.toString()},
        "bench/run stream --quick");
    curves = rows(out.resolve("stream-curves.csv"), StreamExperiment.CURVES_HEADER);
    growths = rows(out.resolve("stream-growths.csv"), StreamExperiment.GROWTHS_HEADER);
    page = Files.readString(out.resolve("stream.md"));
  }

  private static List<String[]> rows(Path csv, String header) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(header);
    return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  @Test
  void bothModelsHaveAllThreeArms() {
    Map<String, List<String>> arms =
        curves.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r[0], Collectors.mapping(r -> r[2], Collectors.toList())));
    assertThat(arms).containsOnlyKeys("mlp", "inception");
    arms.values().forEach(a -> assertThat(a).containsAll(ArmCurve.ARMS).hasSizeGreaterThan(3 * 1));
  }

  @Test
  void everyCurveRunsForwardInTimeWithAccuraciesOfAClassifier() {
    Map<String, List<String[]>> byCurve =
        curves.stream().collect(Collectors.groupingBy(r -> r[0] + "|" + r[1] + "|" + r[2]));
    byCurve.forEach(
        (curve, points) -> {
          double last = 0;
          for (String[] p : points) {
            double seconds = Double.parseDouble(p[4]);
            double accuracy = Double.parseDouble(p[5]);
            assertThat(seconds).as(curve + " time").isGreaterThanOrEqualTo(last);
            assertThat(accuracy).as(curve + " accuracy").isBetween(0.0, 1.0);
            last = seconds;
          }
          assertThat(last).as(curve + " trained for some time").isPositive();
        });
    // The MLP learns something even from a few hundred images: better than guessing one of ten.
    assertThat(
            curves.stream()
                .filter(r -> r[0].equals("mlp"))
                .mapToDouble(r -> Double.parseDouble(r[5]))
                .max()
                .orElseThrow())
        .isGreaterThan(0.3);
  }

  @Test
  void theArmsStartFromTheDaemonsSeedAndTheBaselinesTrainAtEveryGrowth() {
    for (String model : List.of("mlp", "inception")) {
      List<String[]> firsts =
          curves.stream().filter(r -> r[0].equals(model) && r[3].equals("0")).toList();
      assertThat(firsts).hasSize(3);
      assertThat(firsts.stream().map(r -> r[4] + "/" + r[5]).distinct()).hasSize(1);
      long jobs = growths.stream().filter(g -> g[0].equals(model)).count();
      for (String arm : ArmCurve.ARMS) {
        assertThat(curves.stream().filter(r -> r[0].equals(model) && r[2].equals(arm)).count())
            .as(model + " " + arm + " rounds")
            .isEqualTo(jobs + 1);
      }
    }
  }

  @Test
  void theDaemonsLineageGrewOnEachModel() {
    for (String model : List.of("mlp", "inception")) {
      List<String[]> promoted =
          growths.stream().filter(g -> g[0].equals(model) && g[7].equals("promoted")).toList();
      assertThat(promoted).as(model + " promoted growths").isNotEmpty();
      assertThat(Integer.parseInt(promoted.get(0)[8])).as("the champion moved").isGreaterThan(1);
      // A promoted growth serves a bigger model than the seed.
      long seedParameters =
          curves.stream()
              .filter(r -> r[0].equals(model) && r[2].equals(ArmCurve.DAEMON) && r[3].equals("0"))
              .mapToLong(r -> Long.parseLong(r[7]))
              .findFirst()
              .orElseThrow();
      assertThat(
              curves.stream()
                  .filter(r -> r[0].equals(model) && r[2].equals(ArmCurve.DAEMON))
                  .mapToLong(r -> Long.parseLong(r[7]))
                  .max()
                  .orElseThrow())
          .isGreaterThan(seedParameters);
    }
  }

  @Test
  void thePageReportsTheRatioAndShowsItsFigures() {
    assertThat(page)
        .contains("## Command", "bench/run stream --quick", "## Machine", "Total run time")
        .contains("The grown lineage's time to retraining's final accuracy", "<= 0.3")
        .contains("policies/examples/demo.yaml", "policies/examples/inception-towers.yaml");
    List<String> figures = page.lines().filter(l -> l.startsWith("![")).toList();
    assertThat(figures).hasSize(4);
    for (String line : figures) {
      String png = line.substring(line.indexOf("](") + 2, line.length() - 1);
      assertThat(out.resolve(png)).as(png).isNotEmptyFile();
    }
  }
}
