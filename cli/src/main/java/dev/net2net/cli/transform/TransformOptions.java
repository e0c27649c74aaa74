package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every transform command shares: where the student goes, how it continues training, and
 * what its output difference is measured on.
 */
final class TransformOptions {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUT.zip",
      description =
          "Where to write the student (written to a temporary file, then renamed; nothing is left on failure).")
  Path out;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(
      names = "--lr-scale",
      defaultValue = "1.0",
      paramLabel = "X",
      description =
          "The student's learning rate: X times the teacher's current rate (default: ${DEFAULT-VALUE}).")
  double learningRateScale;

  @Option(
      names = "--optimizer-state",
      defaultValue = "reset",
      paramLabel = "reset|carry",
      description =
          "Reset the optimizer state, or carry it mapped like the parameters (default: ${DEFAULT-VALUE}).")
  String optimizerState;

  @Mixin ProbeOptions probes;

  Continuation continuation() {
    OptimizerState state =
        switch (optimizerState.toLowerCase()) {
          case "reset" -> OptimizerState.RESET;
          case "carry" -> OptimizerState.CARRY;
          default ->
              throw new UsageError(
                  "--optimizer-state must be reset or carry, got '" + optimizerState + "'");
        };
    try {
      return new Continuation(learningRateScale, state);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--lr-scale: " + e.getMessage());
    }
  }

  void checkOutput() {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageError("--out " + out + ": the folder " + parent + " does not exist");
    }
    if (Files.isDirectory(out)) {
      throw new UsageError("--out " + out + ": is a folder; give a file name");
    }
  }
}
