package dev.net2net.cli.transform;

import dev.net2net.cli.ExitCode;
import dev.net2net.cli.UsageError;
import dev.net2net.io.ModelFiles;
import dev.net2net.io.ProbeData;
import dev.net2net.io.ReportJson;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.OutputDifference;
import dev.net2net.verify.Preservation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Measure how far two models' outputs are apart: the maximum absolute difference of any output"
            + " value over N inputs, in inference mode. The inputs are the first N rows or items of --data, or"
            + " Fashion-MNIST test images for a model that takes 28x28 grey images, or random inputs of the model's"
            + " input type; the report says which.",
    footer = {
      "",
      "Exit codes: 0 within tolerance, 1 beyond it, 2 bad input.",
      "Example: net2net verify mlp.zip mlp-wide.zip --tolerance 1e-5"
    })
public final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "A.zip",
      description = "The first model (usually the teacher).")
  Path first;

  @Parameters(
      index = "1",
      paramLabel = "B.zip",
      description = "The second model (usually the student).")
  Path second;

  @Mixin ProbeOptions probes;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-5",
      paramLabel = "T",
      description = "The largest acceptable difference (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (probes.count < 1) {
      throw new UsageError(
          "--n must be positive (verify measures the difference, so it needs examples), got "
              + probes.count);
    }
    if (!(tolerance >= 0)) {
      throw new UsageError("--tolerance must be a non-negative number, got " + tolerance);
    }
    ModelHandle a = ModelHandle.of(ModelFiles.load(first));
    ModelHandle b = ModelHandle.of(ModelFiles.load(second));
    ProbeData inputs = probes.forModel(a);
    OutputDifference difference;
    try {
      difference = Preservation.measure(a, b, inputs.inputs());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UsageError("the models cannot be compared: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new UsageError(
          "the models cannot be compared on the same inputs ("
              + second
              + " rejects what "
              + first
              + " accepts): "
              + firstLine(e),
          e);
    }
    boolean within = difference.within(tolerance);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("maxAbsDifference", difference.maxAbsDifference());
      result.put("perOutput", difference.perOutput());
      result.put("examples", difference.examples());
      result.put("tolerance", tolerance);
      result.put("within", within);
      result.put("probes", ReportJson.probes(inputs));
      out.println(ReportJson.write(result, true));
    } else {
      out.printf(
          Locale.ROOT,
          "max |A - B| = %.3e over %s%n",
          difference.maxAbsDifference(),
          inputs.description());
      if (difference.perOutput().size() > 1) {
        for (int i = 0; i < difference.perOutput().size(); i++) {
          out.printf(Locale.ROOT, "  output %d: %.3e%n", i, difference.perOutput().get(i));
        }
      }
      out.printf(Locale.ROOT, "%s tolerance %.1e%n", within ? "within" : "EXCEEDS", tolerance);
    }
    return within ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
