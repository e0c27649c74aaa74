package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.towers.Towers;
import dev.net2net.towers.WidenTowersRequest;
import dev.net2net.widen.Noise;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code net2net towers widen IN.zip --factor F --out OUT.zip}. */
@Command(
    name = "widen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Widen every dense and convolution layer of every tower of every Inception module of a saved ComputationGraph"
          + " to F times its width (rounded), one Net2WiderNet step at a time, each preserving the function.",
      "The paper's teacher had about 0.54 of the student's channels per tower: --factor 1.85 reproduces that"
          + " setup. Prints one report for all steps, with the measured output difference."
    },
    footer = {
      "",
      "Exit codes: 0 written, 2 bad input (nothing written).",
      "Example: net2net towers widen inception.zip --factor 1.85 --out inception-wide.zip"
    })
final class TowersWidenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TowersTarget target;

  @Option(
      names = "--factor",
      required = true,
      paramLabel = "F",
      description = "Each tower layer's new width is F times its width, rounded (F > 1).")
  double factor;

  @Mixin NoiseOptions noise;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "K",
      description =
          "Seed of the first step's unit mapping; later steps use the seeds that follow (default:"
              + " ${DEFAULT-VALUE}).")
  long seed;

  @Mixin TransformOptions options;

  @Override
  public Integer call() {
    WidenTowersRequest request = request();
    return TransformRunner.run(spec, target.in, options, (t, p) -> Towers.widen(t, request, p));
  }

  private WidenTowersRequest request() {
    try {
      Noise n = noise.noise();
      return new WidenTowersRequest(factor, n, seed, options.continuation(), target.modules);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--factor " + factor + ": " + e.getMessage());
    }
  }
}
