package dev.net2net.deepen;

import dev.net2net.continuation.Continuation;
import dev.net2net.model.LayerRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Insert an identity layer, or a residual block that starts as the identity, after a layer (or
 * graph vertex).
 *
 * @param after the layer whose output the new layer reads; everything that read it reads the new
 *     layer (or, for a residual block, the block's sum)
 * @param kernel the kernel size of an inserted convolution (odd); ignored for dense layers
 * @param batchNorm whether a batch normalization that starts as the identity follows the new layer;
 *     in a residual block, whether its inner layer is followed by a batch normalization ({@link
 *     BatchNormMode#NO_RESCALE} does not apply to a residual block)
 * @param name the new layer's name, or the prefix of the residual block's layers; by default {@code
 *     <after>_deeper<N>} or {@code <after>_res<N>}
 * @param continuation how the student continues training
 * @param block an identity layer (the default) or a residual block (graphs only, any activation)
 */
public record DeepenRequest(
    LayerRef after,
    int kernel,
    BatchNormMode batchNorm,
    Optional<String> name,
    Continuation continuation,
    InsertedBlock block) {

  public static final int DEFAULT_KERNEL = 3;

  /** An identity layer (the paper's Net2DeeperNet). */
  public DeepenRequest(
      LayerRef after,
      int kernel,
      BatchNormMode batchNorm,
      Optional<String> name,
      Continuation continuation) {
    this(after, kernel, batchNorm, name, continuation, InsertedBlock.IDENTITY_LAYER);
  }

  public DeepenRequest {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(batchNorm, "batchNorm");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(continuation, "continuation");
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException(
          "the kernel size must be odd and positive (the identity needs a centre), got " + kernel);
    }
    name.ifPresent(
        n -> {
          if (n.isBlank() || n.contains("/")) {
            throw new IllegalArgumentException(
                "a layer name must be non-blank and contain no '/': '" + n + "'");
          }
        });
  }

  public static DeepenRequest after(LayerRef after) {
    return new DeepenRequest(
        after, DEFAULT_KERNEL, BatchNormMode.NONE, Optional.empty(), Continuation.unchanged());
  }

  public static DeepenRequest after(String layer) {
    return after(LayerRef.named(layer));
  }

  public DeepenRequest withKernel(int kernel) {
    return new DeepenRequest(after, kernel, batchNorm, name, continuation, block);
  }

  public DeepenRequest withBatchNorm(BatchNormMode mode) {
    return new DeepenRequest(after, kernel, mode, name, continuation, block);
  }

  public DeepenRequest withName(String newName) {
    return new DeepenRequest(after, kernel, batchNorm, Optional.of(newName), continuation, block);
  }

  public DeepenRequest withContinuation(Continuation c) {
    return new DeepenRequest(after, kernel, batchNorm, name, c, block);
  }

  /**
   * Insert a residual block instead of an identity layer: preserving after any activation, in a
   * ComputationGraph (a MultiLayerNetwork is refused; convert it with {@code
   * toComputationGraph()}).
   */
  public DeepenRequest withResidual() {
    return withBlock(InsertedBlock.RESIDUAL);
  }

  public DeepenRequest withBlock(InsertedBlock newBlock) {
    return new DeepenRequest(after, kernel, batchNorm, name, continuation, newBlock);
  }

  public boolean isResidual() {
    return block == InsertedBlock.RESIDUAL;
  }
}
