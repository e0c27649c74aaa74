package dev.net2net.widen;

import dev.net2net.continuation.Continuation;
import dev.net2net.model.LayerRef;
import java.util.Objects;

/**
 * Widen one layer (and whatever must be widened with it to keep a residual sum consistent).
 *
 * @param layer the layer to widen: a dense layer or a 2D convolution, not an output layer
 * @param width the new width
 * @param noise symmetry-breaking noise; {@link Noise#none()} keeps the transform exact
 * @param seed the seed of the random mapping and of the noise
 * @param continuation how the student continues training
 */
public record WidenRequest(
    LayerRef layer, Width width, Noise noise, long seed, Continuation continuation) {
  public WidenRequest {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(continuation, "continuation");
  }

  /** Exact (no noise), seed 0, training settings unchanged. */
  public static WidenRequest of(LayerRef layer, Width width) {
    return new WidenRequest(layer, width, Noise.none(), 0L, Continuation.unchanged());
  }

  public static WidenRequest of(String layer, int units) {
    return of(LayerRef.named(layer), Width.units(units));
  }

  public WidenRequest withNoise(Noise noise) {
    return new WidenRequest(layer, width, noise, seed, continuation);
  }

  public WidenRequest withSeed(long seed) {
    return new WidenRequest(layer, width, noise, seed, continuation);
  }

  public WidenRequest withContinuation(Continuation continuation) {
    return new WidenRequest(layer, width, noise, seed, continuation);
  }
}
