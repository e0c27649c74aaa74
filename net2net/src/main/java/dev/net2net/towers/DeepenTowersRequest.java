package dev.net2net.towers;

import dev.net2net.continuation.Continuation;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.InsertedBlock;
import java.util.List;
import java.util.Objects;

/**
 * Deepen every tower of every Inception module (or of the named ones) by {@code layers} identity
 * layers (convolutions for image towers, dense layers for feature towers), inserted one after
 * another at the tower's end, just before the concatenation: the paper's Net2DeeperNet experiment
 * added four per tower.
 *
 * @param layers how many layers (or residual blocks) each tower gets, 1..64
 * @param kernel the kernel size of the inserted convolutions (odd)
 * @param batchNorm whether each inserted layer is followed by a batch normalization that starts as
 *     the identity ({@link BatchNormMode#NONE} or {@link BatchNormMode#IDENTITY}; the no-rescale
 *     variant needs a single reading layer to absorb its scale, which a concatenation is not)
 * @param block identity layers (which need an idempotent activation at the tower's end) or residual
 *     blocks
 * @param continuation how the student continues training (applied once, not once per step)
 * @param modules the concatenations whose towers to deepen, by name; empty for all
 */
public record DeepenTowersRequest(
    int layers,
    int kernel,
    BatchNormMode batchNorm,
    InsertedBlock block,
    Continuation continuation,
    List<String> modules) {

  public static final int MAX_LAYERS = 64;

  public DeepenTowersRequest {
    if (layers < 1 || layers > MAX_LAYERS) {
      throw new IllegalArgumentException(
          "layers per tower must be 1.." + MAX_LAYERS + ", got " + layers);
    }
    Objects.requireNonNull(batchNorm, "batchNorm");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(continuation, "continuation");
    if (batchNorm == BatchNormMode.NO_RESCALE) {
      throw new IllegalArgumentException(
          "batch normalization without rescale needs a single layer after the"
              + " insertion to absorb its scale, and a tower ends at a concatenation; use identity batch normalization");
    }
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException(
          "the kernel size must be odd and positive (the identity needs a centre), got " + kernel);
    }
    modules = List.copyOf(modules);
  }

  /** {@code layers} identity convolutions (3x3) per tower, without batch normalization. */
  public static DeepenTowersRequest of(int layers) {
    return new DeepenTowersRequest(
        layers,
        DeepenRequest.DEFAULT_KERNEL,
        BatchNormMode.NONE,
        InsertedBlock.IDENTITY_LAYER,
        Continuation.unchanged(),
        List.of());
  }

  public DeepenTowersRequest withKernel(int newKernel) {
    return new DeepenTowersRequest(layers, newKernel, batchNorm, block, continuation, modules);
  }

  public DeepenTowersRequest withBatchNorm(BatchNormMode mode) {
    return new DeepenTowersRequest(layers, kernel, mode, block, continuation, modules);
  }

  /**
   * Residual blocks (which start at zero) instead of identity layers: for towers that end in any
   * activation.
   */
  public DeepenTowersRequest withResidual() {
    return new DeepenTowersRequest(
        layers, kernel, batchNorm, InsertedBlock.RESIDUAL, continuation, modules);
  }

  public DeepenTowersRequest withContinuation(Continuation newContinuation) {
    return new DeepenTowersRequest(layers, kernel, batchNorm, block, newContinuation, modules);
  }

  public DeepenTowersRequest withModules(List<String> names) {
    return new DeepenTowersRequest(layers, kernel, batchNorm, block, continuation, names);
  }
}
