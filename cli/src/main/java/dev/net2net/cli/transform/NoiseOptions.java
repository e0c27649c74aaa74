package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.widen.Noise;
import picocli.CommandLine.Option;

/** The symmetry-breaking noise options of the widening commands. */
final class NoiseOptions {

  @Option(
      names = "--noise",
      defaultValue = "0",
      paramLabel = "S",
      description =
          "Symmetry-breaking noise on the replicas' outgoing weights, relative to their standard deviation"
              + " (default: ${DEFAULT-VALUE}, exact).")
  double noise;

  @Option(
      names = "--noise-mode",
      defaultValue = "zero-sum",
      paramLabel = "zero-sum|additive",
      description =
          "zero-sum keeps the function (each replica group's noise sums to zero); additive is the paper's"
              + " (default: ${DEFAULT-VALUE}).")
  String mode;

  Noise noise() {
    try {
      return switch (mode.toLowerCase()) {
        case "zero-sum" -> Noise.zeroSum(noise);
        case "additive" -> Noise.additive(noise);
        default ->
            throw new UsageError("--noise-mode must be zero-sum or additive, got '" + mode + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new UsageError("--noise " + noise + ": " + e.getMessage());
    }
  }
}
