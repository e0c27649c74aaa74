package dev.net2net.cli.policy;

import dev.net2net.cli.ExitCode;
import dev.net2net.cli.UsageError;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.parse.LoadResult;
import dev.net2net.policies.parse.PolicyLoader;
import dev.net2net.policies.validate.Diagnostic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code net2net policy validate FILE...}: every error of every file, or OK. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check growth-policy files and report every error.",
      "",
      "Prints an OK line for each valid file, and every error of the others as",
      "FILE:LINE:COLUMN: error: what was found and what was expected. Warnings are",
      "printed too, but do not fail a file.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is valid",
      "1:some file has errors (each is printed)",
      "2:some file could not be read (missing, a directory, no permission)",
    })
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "policy files (YAML, apiVersion net2net.dev/v1)")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = ExitCode.OK;
    for (Path file : files) {
      LoadResult result;
      try {
        result = PolicyLoader.parse(file.toString(), PolicyFiles.read(file, "policy file"));
      } catch (UsageError unreadable) {
        err.println("net2net: " + unreadable.getMessage());
        exit = ExitCode.BAD_INPUT;
        continue;
      }
      for (Diagnostic diagnostic : result.diagnostics()) {
        err.println(diagnostic.format());
      }
      if (result.isValid()) {
        out.println(file + ": OK, " + describe(result.policies()) + warnings(result));
      } else {
        int errors = result.errors().size();
        err.println(file + ": " + errors + " error" + (errors == 1 ? "" : "s") + ", not valid");
        exit = Math.max(exit, ExitCode.CHECK_FAILED);
      }
    }
    out.flush();
    err.flush();
    return exit;
  }

  private static String describe(List<GrowthPolicy> policies) {
    return policies.size()
        + (policies.size() == 1 ? " policy: " : " policies: ")
        + policies.stream()
            .map(
                p ->
                    p.name()
                        + " (model "
                        + p.model()
                        + ", "
                        + p.rules().size()
                        + " rule"
                        + (p.rules().size() == 1 ? "" : "s")
                        + ")")
            .collect(Collectors.joining(", "));
  }

  private static String warnings(LoadResult result) {
    int count = result.warnings().size();
    return count == 0 ? "" : "; " + count + " warning" + (count == 1 ? "" : "s");
  }
}
