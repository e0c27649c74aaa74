package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.io.ProbeData;
import dev.net2net.model.ModelHandle;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.OptimizerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every transform command shares: where the student goes and how it continues training. */
final class TransformOptions {

  @Option(names = "--out", required = true, paramLabel = "OUT.zip",
      description = "Where to write the student (written to a temporary file, then renamed; nothing is left on failure).")
  Path out;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--lr-scale", defaultValue = "1.0", paramLabel = "X",
      description = "The student's learning rate: X times the teacher's current rate (default: ${DEFAULT-VALUE}).")
  double learningRateScale;

  @Option(names = "--optimizer-state", defaultValue = "reset", paramLabel = "reset|carry",
      description = "Reset the optimizer state, or carry it mapped like the parameters (default: ${DEFAULT-VALUE}).")
  String optimizerState;

  @Option(names = "--data", paramLabel = "FILE|DIR",
      description = "Inputs to measure the output difference on: a CSV or TSV file with a header line (numeric"
          + " columns, optionally .gz), an IDX file, or a folder of Fashion-MNIST IDX files. Default: Fashion-MNIST"
          + " test images for a model that takes 28x28 grey images, else random inputs of the model's input type.")
  Path data;

  @Option(names = "--label-column", paramLabel = "COLUMN",
      description = "The CSV/TSV column to leave out of the inputs: its name, its 1-based number, or none"
          + " (default: none, every column is an input).")
  String labelColumn;

  @Option(names = "--probes", defaultValue = "1000", paramLabel = "N",
      description = "How many examples to measure the output difference on; 0 skips the measurement"
          + " (default: ${DEFAULT-VALUE}).")
  int probes;

  Continuation continuation() {
    OptimizerState state = switch (optimizerState.toLowerCase()) {
      case "reset" -> OptimizerState.RESET;
      case "carry" -> OptimizerState.CARRY;
      default -> throw new UsageError("--optimizer-state must be reset or carry, got '" + optimizerState + "'");
    };
    try {
      return new Continuation(learningRateScale, state);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--lr-scale: " + e.getMessage());
    }
  }

  /** The probes for a teacher, as the options ask; bad data is refused with exit code 2. */
  ProbeData probes(ModelHandle teacher) {
    if (data != null && !Files.exists(data)) {
      throw new UsageError("--data " + data + ": no such file or folder");
    }
    try {
      return ProbeData.forModel(teacher, Optional.ofNullable(data), Optional.ofNullable(labelColumn), probes);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--probes: " + e.getMessage(), e);
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
    if (probes < 0) {
      throw new UsageError("--probes must be 0 (skip the measurement) or a positive number of examples, got "
          + probes);
    }
  }
}
