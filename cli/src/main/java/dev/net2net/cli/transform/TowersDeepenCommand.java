package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.InsertedBlock;
import dev.net2net.towers.DeepenTowersRequest;
import dev.net2net.towers.Towers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code net2net towers deepen IN.zip --layers K [--batch-norm] --out OUT.zip}. */
@Command(
    name = "deepen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Deepen every tower of every Inception module of a saved ComputationGraph by K identity layers (convolutions"
          + " with an identity kernel for image towers, identity dense layers for feature towers), inserted at the"
          + " tower's end, just before the concatenation; the paper added four per tower.",
      "An identity layer needs the tower to end in an idempotent activation (relu, relu6, hardtanh, identity);"
          + " --residual inserts residual blocks that start at zero instead, which fit after any activation."
    },
    footer = {
      "",
      "Exit codes: 0 written, 2 bad input (nothing written).",
      "Example: net2net towers deepen inception.zip --layers 4 --batch-norm --out inception-deep.zip"
    })
final class TowersDeepenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TowersTarget target;

  @Option(
      names = "--layers",
      required = true,
      paramLabel = "K",
      description =
          "How many layers (or residual blocks) each tower gets, 1.."
              + DeepenTowersRequest.MAX_LAYERS
              + ".")
  int layers;

  @Option(
      names = "--batch-norm",
      description =
          "Follow each inserted layer with a batch normalization that starts as the identity (statistics"
              + " measured on the probe images); in residual blocks, normalize the inner layer.")
  boolean batchNorm;

  @Option(
      names = "--kernel",
      defaultValue = "3",
      paramLabel = "K",
      description = "Kernel size of the inserted convolutions, odd (default: ${DEFAULT-VALUE}).")
  int kernel;

  @Option(
      names = "--residual",
      description =
          "Insert residual blocks (a random layer and a zero layer, added to the tower's output) instead"
              + " of identity layers.")
  boolean residual;

  @Mixin TransformOptions options;

  @Override
  public Integer call() {
    DeepenTowersRequest request = request();
    return TransformRunner.run(spec, target.in, options, (t, p) -> Towers.deepen(t, request, p));
  }

  private DeepenTowersRequest request() {
    if (batchNorm && !residual && options.probes.count == 0) {
      throw new UsageError(
          "--batch-norm takes the inserted normalizations' statistics from the probe inputs, and"
              + " --probes 0 gives none; give --probes N (and --data FILE for other inputs)");
    }
    try {
      return new DeepenTowersRequest(
          layers,
          kernel,
          batchNorm ? BatchNormMode.IDENTITY : BatchNormMode.NONE,
          residual ? InsertedBlock.RESIDUAL : InsertedBlock.IDENTITY_LAYER,
          options.continuation(),
          target.modules);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
