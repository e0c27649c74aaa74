package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.model.LayerRef;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "widen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Net2WiderNet: widen a dense, 2D or 1D convolution, or separable convolution layer of a saved DL4J model"
          + " (MultiLayerNetwork or ComputationGraph) so that the wider model computes exactly what the original"
          + " computed.",
      "Layers that must change with it (batch normalization, PReLU, depthwise convolutions, the next layer's"
          + " inputs, every term of a residual sum) change with it. Prints a report with the output difference"
          + " measured on the probe inputs (--data, or Fashion-MNIST, or random inputs of the model's input type)."
    },
    footer = {
      "",
      "Exit codes: 0 written, 2 bad input (nothing written).",
      "Example: net2net widen mlp.zip --layer hidden --width 256 --out mlp-wide.zip"
    })
public final class WidenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TeacherFile teacher;

  @Option(
      names = "--layer",
      required = true,
      paramLabel = "L",
      description =
          "The layer to widen: its name (a layer vertex of a ComputationGraph), or its index in a"
              + " MultiLayerNetwork.")
  String layer;

  @ArgGroup(exclusive = true, multiplicity = "1")
  WidthChoice width;

  static final class WidthChoice {
    @Option(
        names = "--width",
        paramLabel = "N",
        description = "The new number of units (channels).")
    Integer units;

    @Option(
        names = "--factor",
        paramLabel = "F",
        description = "The new width as a factor of the current one (> 1).")
    Double factor;
  }

  @Mixin NoiseOptions noise;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "K",
      description = "Seed of the random unit mapping and the noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin TransformOptions options;

  @Override
  public Integer call() {
    WidenRequest request = request();
    return TransformRunner.run(
        spec, teacher.in, options, (t, p) -> Net2WiderNet.widen(t, request, p));
  }

  private WidenRequest request() {
    try {
      Width w = width.units != null ? Width.units(width.units) : Width.factor(width.factor);
      Noise n = noise.noise();
      return new WidenRequest(LayerRef.parse(layer), w, n, seed, options.continuation());
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
