package dev.net2net.widen;

/**
 * Symmetry-breaking noise on the outgoing weights of replicated units. Replicas get identical
 * gradients forever unless something breaks the tie.
 *
 * @param relativeStddev the noise's standard deviation as a fraction of the standard deviation of
 *     the reading layer's weights (the public reproductions used 0.05); 0 means none, and the
 *     transform is exact
 * @param zeroSum if true, each replica group's noise sums to zero, so the function is still
 *     preserved (up to rounding) while the symmetry is broken; if false, every replica but the
 *     original gets independent noise, as in the paper, and the transform is only approximately
 *     preserving
 */
public record Noise(double relativeStddev, boolean zeroSum) {
  public Noise {
    if (!(relativeStddev >= 0) || relativeStddev > 10 || Double.isNaN(relativeStddev)) {
      throw new IllegalArgumentException(
          "relative noise must be in [0, 10], got " + relativeStddev);
    }
  }

  public static Noise none() {
    return new Noise(0, true);
  }

  /** Noise that breaks symmetry and still preserves the function. */
  public static Noise zeroSum(double relativeStddev) {
    return new Noise(relativeStddev, true);
  }

  /** The paper's noise: approximately function-preserving. */
  public static Noise additive(double relativeStddev) {
    return new Noise(relativeStddev, false);
  }

  public boolean isNone() {
    return relativeStddev == 0;
  }

  @Override
  public String toString() {
    return isNone() ? "none" : relativeStddev + (zeroSum ? " (zero-sum)" : " (additive)");
  }
}
