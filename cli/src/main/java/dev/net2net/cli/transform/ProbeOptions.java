package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.io.ProbeData;
import dev.net2net.model.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The inputs a command measures output differences on: the transforms' {@code --probes} and
 * verify's.
 */
final class ProbeOptions {

  @Option(
      names = "--data",
      paramLabel = "FILE|DIR",
      description =
          "Inputs to measure the output difference on: a CSV or TSV file with a header line (numeric"
              + " columns, optionally .gz), an IDX file, or a folder of Fashion-MNIST IDX files. Default: Fashion-MNIST"
              + " test images for a model that takes 28x28 grey images, else random inputs of the model's input type.")
  Path data;

  @Option(
      names = "--label-column",
      paramLabel = "COLUMN",
      description =
          "The CSV/TSV column to leave out of the inputs: its name, its 1-based number, or none"
              + " (default: none, every column is an input).")
  String labelColumn;

  @Option(
      names = {"--probes", "--n"},
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "How many examples to measure the output difference on; for a transform, 0 skips the"
              + " measurement (default: ${DEFAULT-VALUE}).")
  int count;

  /** The probes for a model, as the options ask; bad data is refused with exit code 2. */
  ProbeData forModel(ModelHandle model) {
    if (count < 0) {
      throw new UsageError(
          "--probes must be 0 (skip the measurement) or a positive number of examples, got "
              + count);
    }
    if (data != null && !Files.exists(data)) {
      throw new UsageError("--data " + data + ": no such file or folder");
    }
    try {
      return ProbeData.forModel(
          model, Optional.ofNullable(data), Optional.ofNullable(labelColumn), count);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--probes: " + e.getMessage(), e);
    }
  }
}
