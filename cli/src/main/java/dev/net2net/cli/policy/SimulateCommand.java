package dev.net2net.cli.policy;

import dev.net2net.cli.ExitCode;
import dev.net2net.cli.UsageError;
import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.parse.LoadResult;
import dev.net2net.policies.parse.PolicyLoader;
import dev.net2net.policies.simulate.Assumptions;
import dev.net2net.policies.simulate.SignalHistoryCsv;
import dev.net2net.policies.simulate.SimulationReport;
import dev.net2net.policies.simulate.Simulator;
import dev.net2net.policies.validate.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code net2net policy simulate FILE --history H.csv}: when each rule would have fired, and why.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a recorded history of signals through a policy.",
      "",
      "Prints when each rule would have fired and why, which guards held rules back,",
      "and a summary.",
      "",
      "The history is CSV with a header row (lines starting with # are comments):",
      "  timestamp      ISO-8601 instant, 2025-03-01T09:00:00Z (required, in order)",
      "  dataset_rows   rows in the dataset (required)",
      "  parameters     the champion's parameter count (required)",
      "  model          the model of the row; other models' rows are skipped",
      "  champion_rows  rows the champion was trained on",
      "  champion       a label of the champion; a change starts a new champion",
      "  manual         empty or false: none; true: a request for any rule;",
      "                 otherwise the name of the rule requested",
      "  train_METRIC   a training metric, e.g. train_accuracy (empty: not measured)",
      "  val_METRIC     a validation metric, e.g. val_accuracy, val_loss",
      "",
      "Each growth the policy decides is assumed to end as --assume says, after",
      "--attempt-duration; a promotion starts a new champion, trained on the rows",
      "of that moment.",
      "",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the replay ran",
      "1:the policy file has errors (each is printed)",
      "2:a file could not be read, the history has errors, or an option is wrong",
    })
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  enum Outcome {
    promoted(AttemptOutcome.PROMOTED),
    rejected(AttemptOutcome.REJECTED),
    failed(AttemptOutcome.FAILED);

    final AttemptOutcome attemptOutcome;

    Outcome(AttemptOutcome attemptOutcome) {
      this.attemptOutcome = attemptOutcome;
    }
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "the policy file")
  Path policyFile;

  @Option(
      names = "--history",
      required = true,
      paramLabel = "H.csv",
      description = "the recorded signals (CSV)")
  Path historyFile;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "the model whose policy to replay, when the file has several")
  Optional<String> model;

  @Option(
      names = "--assume",
      paramLabel = "OUTCOME",
      defaultValue = "promoted",
      description = "how each growth ends: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Outcome assume;

  @Option(
      names = "--attempt-duration",
      paramLabel = "DURATION",
      defaultValue = "0s",
      description = "how long each growth takes, e.g. 90s or 5m (default: ${DEFAULT-VALUE})")
  String attemptDuration;

  @Option(
      names = {"-v", "--verbose"},
      description = "print every row's full decision: each rule, condition and guard")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration duration = parseDuration(attemptDuration);

    LoadResult policies =
        PolicyLoader.parse(policyFile.toString(), PolicyFiles.read(policyFile, "policy file"));
    if (!policies.isValid()) {
      policies.diagnostics().forEach(d -> err.println(d.format()));
      err.println(
          policyFile
              + ": "
              + policies.errors().size()
              + " error"
              + (policies.errors().size() == 1 ? "" : "s")
              + ", nothing replayed");
      err.flush();
      return ExitCode.CHECK_FAILED;
    }
    GrowthPolicy policy = choose(policies.policies());

    SignalHistoryCsv.Result history =
        SignalHistoryCsv.parse(historyFile.toString(), PolicyFiles.read(historyFile, "history"));
    if (!history.isValid()) {
      history.errors().stream().map(Diagnostic::format).forEach(err::println);
      err.println(
          historyFile
              + ": "
              + history.errors().size()
              + " error"
              + (history.errors().size() == 1 ? "" : "s")
              + ", nothing replayed");
      err.flush();
      return ExitCode.BAD_INPUT;
    }

    SimulationReport report =
        Simulator.replay(
            policy,
            historyFile.toString(),
            history.rows(),
            new Assumptions(assume.attemptOutcome, duration));
    out.print(report.render(verbose));
    out.flush();
    return ExitCode.OK;
  }

  private static Duration parseDuration(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--attempt-duration: " + e.getMessage());
    }
  }

  private GrowthPolicy choose(List<GrowthPolicy> policies) {
    if (model.isPresent()) {
      return policies.stream()
          .filter(p -> p.model().equals(model.get()))
          .findFirst()
          .orElseThrow(
              () ->
                  new UsageError(
                      "--model "
                          + model.get()
                          + ": "
                          + policyFile
                          + " has no policy for it; it has "
                          + models(policies)));
    }
    if (policies.size() > 1) {
      throw new UsageError(
          policyFile + " has policies for " + models(policies) + "; choose one with --model");
    }
    return policies.get(0);
  }

  private static String models(List<GrowthPolicy> policies) {
    return policies.stream().map(GrowthPolicy::model).collect(Collectors.joining(", "));
  }
}
