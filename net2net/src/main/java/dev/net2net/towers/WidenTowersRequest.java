package dev.net2net.towers;

import dev.net2net.continuation.Continuation;
import dev.net2net.widen.Noise;
import dev.net2net.widen.Width;
import java.util.List;
import java.util.Objects;

/**
 * Widen every dense and convolution layer of every tower of every Inception module (or of the named
 * ones) by a factor: the paper's Net2WiderNet experiment, whose teacher had about 0.54 of the
 * student's channels per tower (a factor of about 1.85).
 *
 * @param factor the new width of each layer is its teacher's width times this, rounded (&gt; 1); a
 *     layer the factor adds no unit to is left as it is and reported
 * @param noise symmetry-breaking noise for every step; {@link Noise#none()} keeps every step exact
 * @param seed the seed of the first step's mapping; later steps use the seeds that follow
 * @param continuation how the student continues training (applied once, not once per step)
 * @param modules the concatenations whose towers to widen, by name; empty for all
 */
public record WidenTowersRequest(
    double factor, Noise noise, long seed, Continuation continuation, List<String> modules) {

  public WidenTowersRequest {
    new Width.Factor(factor); // validates: finite and above 1
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(continuation, "continuation");
    modules = List.copyOf(modules);
  }

  /** Every tower, exact, seed 0, training settings unchanged. */
  public static WidenTowersRequest byFactor(double factor) {
    return new WidenTowersRequest(factor, Noise.none(), 0L, Continuation.unchanged(), List.of());
  }

  public WidenTowersRequest withNoise(Noise newNoise) {
    return new WidenTowersRequest(factor, newNoise, seed, continuation, modules);
  }

  public WidenTowersRequest withSeed(long newSeed) {
    return new WidenTowersRequest(factor, noise, newSeed, continuation, modules);
  }

  public WidenTowersRequest withContinuation(Continuation newContinuation) {
    return new WidenTowersRequest(factor, noise, seed, newContinuation, modules);
  }

  public WidenTowersRequest withModules(List<String> names) {
    return new WidenTowersRequest(factor, noise, seed, continuation, names);
  }
}
