package dev.net2net.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.cli.Net2NetCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net2net policy validate} and {@code net2net policy simulate}, run in-process on real
 * files.
 */
class PolicyCommandsTest {

  static final Path EXAMPLES = Path.of("..", "policies", "examples");
  static final String DEMO = EXAMPLES.resolve("demo.yaml").toString();
  static final String DEMO_HISTORY = EXAMPLES.resolve("demo-history.csv").toString();

  @TempDir Path temp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Net2NetCommand.run(args);
      System.out.flush();
      System.err.flush();
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content);
  }

  private static final String VALID =
      """
      apiVersion: net2net.dev/v1
      kind: GrowthPolicy
      metadata:
        name: p
      spec:
        model: fashion-mlp
        rules:
          - name: grow
            when: {datasetGrowth: {ratio: 1.5}}
            action: {widen: {factor: 1.5}}
        guards:
          cooldown: 10m
      """;

  // ---------------------------------------------------------------- validate

  @Test
  void validateAcceptsEveryShippedExample() throws IOException {
    String[] args;
    try (var files = Files.list(EXAMPLES)) {
      args =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .sorted()
              .map(Path::toString)
              .toArray(String[]::new);
    }
    String[] command = new String[args.length + 2];
    command[0] = "policy";
    command[1] = "validate";
    System.arraycopy(args, 0, command, 2, args.length);

    Run run = run(command);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines()).hasSize(args.length).allMatch(line -> line.contains(": OK, "));
    assertThat(run.out()).contains("demo.yaml: OK, 1 policy: demo (model fashion-mlp, 2 rules)");
  }

  @Test
  void validateReportsEveryErrorOfAFileWithItsPlaceAndExitsOne() throws IOException {
    Path bad =
        write(
            "bad.yaml",
            VALID.replace("cooldown: 10m", "cooldwn: 10m").replace("ratio: 1.5", "ratio: 0.5"));

    Run run = run("policy", "validate", bad.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            bad + ":9:37: error: spec.rules[0].when.datasetGrowth.ratio: expected a ratio above 1")
        .contains(bad + ":12:5: error: spec.guards: unknown key 'cooldwn'")
        .contains("did you mean 'cooldown'?")
        .contains(bad + ": 2 errors, not valid")
        .doesNotContain("Exception");
  }

  @Test
  void validateNamesAMissingFileInOneLineAndExitsTwo() {
    Run run = run("policy", "validate", temp.resolve("nowhere.yaml").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "net2net: cannot read policy file " + temp.resolve("nowhere.yaml") + ": no such file");
  }

  @Test
  void validateGoesOnPastABadFileAndReportsTheWorstOutcome() throws IOException {
    Path good = write("good.yaml", VALID);
    Path bad = write("bad.yaml", "\u0000\u0001binary");

    Run run =
        run(
            "policy",
            "validate",
            good.toString(),
            bad.toString(),
            temp.resolve("missing.yaml").toString(),
            temp.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains(good + ": OK");
    assertThat(run.err())
        .contains(bad + ":1:1: error: not a text file")
        .contains("cannot read policy file " + temp.resolve("missing.yaml") + ": no such file")
        .contains("cannot read policy file " + temp + ": it is a directory");
  }

  @Test
  void validatePrintsWarningsButAcceptsTheFile() throws IOException {
    Path file =
        write(
            "warn.yaml", VALID.replace("cooldown: 10m", "cooldown: 1h\n    maxGrowthsPerDay: 48"));

    Run run = run("policy", "validate", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .contains(
            file
                + ":13:23: warning: spec.guards.maxGrowthsPerDay: a cooldown of 1h allows at"
                + " most 24 growths a day");
    assertThat(run.out()).contains(": OK, 1 policy: p (model fashion-mlp, 1 rule); 1 warning");
  }

  @Test
  void validateNeedsAtLeastOneFile() {
    Run run = run("policy", "validate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter").contains("--help");
  }

  @Test
  void everyPolicyCommandHasHelp() {
    Run policy = run("policy", "--help");
    Run validate = run("policy", "validate", "--help");
    Run simulate = run("policy", "simulate", "--help");

    assertThat(policy.exit()).isZero();
    assertThat(policy.out()).contains("validate").contains("simulate");
    assertThat(validate.exit()).isZero();
    assertThat(validate.out()).contains("Exit codes:").contains("2   some file could not be read");
    assertThat(simulate.exit()).isZero();
    assertThat(simulate.out())
        .contains("--history")
        .contains("val_METRIC")
        .contains("promoted, rejected, failed");
  }

  // ---------------------------------------------------------------- simulate

  @Test
  void simulateExplainsWhenEachRuleOfTheDemoFires() {
    Run run = run("policy", "simulate", DEMO, "--history", DEMO_HISTORY);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("through policy 'demo' (model fashion-mlp): 40 rows")
        .contains(
            "2025-03-01T09:02:30Z (line 12) widen-on-data-growth FIRED: widen all hidden layers by x1.5")
        .contains(
            "datasetGrowth: 8,000 rows is x1.6 the 5,000 the champion was trained on; needs x1.5")
        .contains("deepen-on-plateau FIRED: deepen after the last hidden layer")
        .contains("plateau: validation accuracy: best of the last 2")
        .contains("Summary")
        .containsPattern("widen-on-data-growth\\s+3\\s+0")
        .contains("9 growths: 3 widen, 6 deepen");
  }

  @Test
  void simulateShowsGuardsHoldingRulesBackWhenAttemptsTakeTime() {
    Run run =
        run(
            "policy",
            "simulate",
            DEMO,
            "--history",
            DEMO_HISTORY,
            "--assume",
            "rejected",
            "--attempt-duration",
            "2m");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Assuming each growth takes 2m and is rejected.")
        .contains("would fire but is BLOCKED: inFlight (1 attempt is still running)")
        .containsPattern("guards that held back a ready rule \\(rows\\): inFlight \\d+");
  }

  @Test
  void simulateVerboseShowsEveryDecision() {
    Run run = run("policy", "simulate", DEMO, "--history", DEMO_HISTORY, "--verbose");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("line 7: fashion-mlp at 2025-03-01T09:00:00Z: no growth")
        .contains("guard cooldown: ok");
  }

  @Test
  void simulateReportsABadHistoryByLineAndColumn() throws IOException {
    Path history =
        write(
            "h.csv",
            """
        timestamp,dataset_row,parameters,val_accuracy
        2025-03-01T09:00:00Z,5000,100,0.8
        """);

    Run run = run("policy", "simulate", DEMO, "--history", history.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(history + ":1:11: error: unknown column 'dataset_row'")
        .contains("did you mean 'dataset_rows'?")
        .doesNotContain("Exception");

    Path rows =
        write(
            "rows.csv",
            """
        timestamp,dataset_rows,parameters,val_accuracy
        2025-03-01T09:00:00Z,5000,100,0.8
        2025-03-01T09:00:30Z,lots,100,high
        yesterday,5000,100,0.8
        """);
    Run badRows = run("policy", "simulate", DEMO, "--history", rows.toString());
    assertThat(badRows.exit()).isEqualTo(2);
    assertThat(badRows.err())
        .contains(rows + ":3:22: error: dataset_rows: expected a whole number >= 0, found 'lots'")
        .contains(
            rows + ":3:31: error: val_accuracy: expected a number or an empty cell, found 'high'")
        .contains(rows + ":4:1: error: timestamp: expected an ISO-8601 instant")
        .contains(rows + ": 3 errors, nothing replayed");
  }

  @Test
  void simulateSaysWhenTheHistoryLacksAMetricThePolicyReads() throws IOException {
    Path history =
        write(
            "no-metrics.csv",
            """
        timestamp,dataset_rows,parameters,val_loss
        2025-03-01T09:00:00Z,5000,100,0.5
        2025-03-01T09:00:30Z,5100,100,0.5
        """);

    Run run = run("policy", "simulate", DEMO, "--history", history.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "Note: rule deepen-on-plateau reads validation accuracy, but no row has val_accuracy;"
                + " it cannot fire on this history.");
  }

  @Test
  void simulateRefusesAnInvalidPolicyWithItsErrors() throws IOException {
    Path bad = write("bad.yaml", VALID.replace("factor: 1.5", "factor: 1"));

    Run run = run("policy", "simulate", bad.toString(), "--history", DEMO_HISTORY);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains(":10:32: error: spec.rules[0].action.widen.factor")
        .contains("nothing replayed");
  }

  @Test
  void simulateNeedsAModelWhenTheFileHoldsSeveralPolicies() {
    String towers = EXAMPLES.resolve("inception-towers.yaml").toString();

    Run ambiguous = run("policy", "simulate", towers, "--history", DEMO_HISTORY);
    Run chosen =
        run(
            "policy",
            "simulate",
            towers,
            "--history",
            DEMO_HISTORY,
            "--model",
            "fashion-inception");

    assertThat(ambiguous.exit()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains("has policies for fashion-inception, cifar-inception; choose one with --model");
    assertThat(chosen.exit()).isZero();
    assertThat(chosen.out())
        .contains("(model fashion-inception): 0 rows")
        .contains("40 rows of other models skipped");
  }

  @Test
  void simulateRefusesBadOptionsAndMissingFiles() {
    Run duration =
        run(
            "policy",
            "simulate",
            DEMO,
            "--history",
            DEMO_HISTORY,
            "--attempt-duration",
            "5 minutes");
    Run outcome = run("policy", "simulate", DEMO, "--history", DEMO_HISTORY, "--assume", "maybe");
    Run missing = run("policy", "simulate", DEMO, "--history", temp.resolve("none.csv").toString());
    Run noHistory = run("policy", "simulate", DEMO);

    assertThat(duration.exit()).isEqualTo(2);
    assertThat(duration.err()).contains("--attempt-duration: expected a duration such as 90s");
    assertThat(outcome.exit()).isEqualTo(2);
    assertThat(outcome.err()).contains("maybe");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .contains("cannot read history " + temp.resolve("none.csv") + ": no such file");
    assertThat(noHistory.exit()).isEqualTo(2);
    assertThat(noHistory.err()).contains("--history");
  }
}
