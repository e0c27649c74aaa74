package dev.net2net.cli.transform;

import dev.net2net.cli.UsageError;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.InsertedBlock;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerRef;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "deepen",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Net2DeeperNet: insert a layer that starts as the identity (a dense layer, or a 2D or 1D convolution with an"
          + " identity kernel) after a layer or graph vertex of a saved DL4J model (MultiLayerNetwork or ComputationGraph),"
          + " optionally with a batch normalization that starts as the identity.",
      "The inserted layer uses the activation that produced its input, which must be idempotent (relu, relu6,"
          + " hardtanh, identity); tanh, sigmoid, leaky relu and the like are refused. In a ComputationGraph,"
          + " --residual inserts a residual block instead (a branch whose last layer starts at zero, added to the"
          + " vertex's output), which preserves any activation."
    },
    footer = {
      "",
      "Exit codes: 0 written, 2 bad input (nothing written).",
      "Example: net2net deepen cnn.zip --after conv2 --batch-norm --out cnn-deeper.zip",
      "Example: net2net deepen inception.zip --after m1 --residual --out inception-deeper.zip"
    })
public final class DeepenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TeacherFile teacher;

  @Option(
      names = "--after",
      required = true,
      paramLabel = "L",
      description =
          "The layer (or graph vertex) after which to insert: its name, or its index in a MultiLayerNetwork.")
  String after;

  @Option(
      names = "--batch-norm",
      arity = "0..1",
      fallbackValue = "identity",
      paramLabel = "identity|no-rescale",
      description =
          "Follow the new layer with a batch normalization that starts as the identity, its statistics"
              + " measured on the probe inputs. no-rescale is the paper's variant without a learned scale.")
  String batchNorm;

  @Option(
      names = "--kernel",
      defaultValue = "3",
      paramLabel = "K",
      description = "Kernel size of an inserted convolution, odd (default: ${DEFAULT-VALUE}).")
  int kernel;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Name of the new layer, or prefix of the residual block's layers (default: <L>_deeper, <L>_res).")
  String name;

  @Option(
      names = "--residual",
      description =
          "Insert a residual block (ComputationGraph only): L -> a dense or convolution layer with random"
              + " initialisation and ReLU (with --batch-norm, followed by a batch normalization) -> a layer whose weights"
              + " and bias are zero, added to L's output. Exact after any activation.")
  boolean residual;

  @Mixin TransformOptions options;

  @Override
  public Integer call() {
    DeepenRequest request = request();
    return TransformRunner.run(
        spec, teacher.in, options, (t, p) -> Net2DeeperNet.deepen(t, request, p));
  }

  private DeepenRequest request() {
    BatchNormMode mode =
        batchNorm == null
            ? BatchNormMode.NONE
            : switch (batchNorm.toLowerCase()) {
              case "identity", "true" -> BatchNormMode.IDENTITY;
              case "no-rescale" -> BatchNormMode.NO_RESCALE;
              case "none", "false" -> BatchNormMode.NONE;
              default ->
                  throw new UsageError(
                      "--batch-norm must be identity or no-rescale, got '" + batchNorm + "'");
            };
    if (mode != BatchNormMode.NONE && options.probes.count == 0) {
      throw new UsageError(
          "--batch-norm takes the inserted normalization's statistics from the probe inputs, and"
              + " --probes 0 gives none; give --probes N (and --data FILE for other inputs)");
    }
    try {
      return new DeepenRequest(
          LayerRef.parse(after),
          kernel,
          mode,
          Optional.ofNullable(name),
          options.continuation(),
          residual ? InsertedBlock.RESIDUAL : InsertedBlock.IDENTITY_LAYER);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
