package dev.net2net.deepen;

import dev.net2net.model.LayerRef;
import dev.net2net.training.Continuation;
import java.util.Objects;
import java.util.Optional;

/**
 * Insert an identity layer after a layer (or graph vertex).
 *
 * @param after the layer whose output the new layer reads; everything that read it reads the new layer
 * @param kernel the kernel size of an inserted convolution (odd); ignored for dense layers
 * @param batchNorm whether a batch normalization that starts as the identity follows the new layer
 * @param name the new layer's name; by default {@code <after>_deeper<N>}
 * @param continuation how the student continues training
 */
public record DeepenRequest(LayerRef after, int kernel, BatchNormMode batchNorm, Optional<String> name,
    Continuation continuation) {

  public static final int DEFAULT_KERNEL = 3;

  public DeepenRequest {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(batchNorm, "batchNorm");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(continuation, "continuation");
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException("the kernel size must be odd and positive (the identity needs a centre), got "
          + kernel);
    }
    name.ifPresent(n -> {
      if (n.isBlank() || n.contains("/")) {
        throw new IllegalArgumentException("a layer name must be non-blank and contain no '/': '" + n + "'");
      }
    });
  }

  public static DeepenRequest after(LayerRef after) {
    return new DeepenRequest(after, DEFAULT_KERNEL, BatchNormMode.NONE, Optional.empty(), Continuation.unchanged());
  }

  public static DeepenRequest after(String layer) {
    return after(LayerRef.named(layer));
  }

  public DeepenRequest withKernel(int kernel) {
    return new DeepenRequest(after, kernel, batchNorm, name, continuation);
  }

  public DeepenRequest withBatchNorm(BatchNormMode mode) {
    return new DeepenRequest(after, kernel, mode, name, continuation);
  }

  public DeepenRequest withName(String newName) {
    return new DeepenRequest(after, kernel, batchNorm, Optional.of(newName), continuation);
  }

  public DeepenRequest withContinuation(Continuation c) {
    return new DeepenRequest(after, kernel, batchNorm, name, c);
  }
}
