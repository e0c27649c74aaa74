package dev.net2net.deepen;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * Which activations satisfy phi(phi(x)) = phi(x). Only after such an activation does an identity
 * layer with the same activation compute exactly what was there: phi(I * phi(v)) = phi(v).
 */
public final class Idempotence {
  private Idempotence() {}

  public static boolean isIdempotent(IActivation activation) {
    if (activation instanceof ActivationReLU relu) {
      // A leaky slope maps negatives to other negatives, which the slope maps again.
      return relu.getNegativeSlope() == null || relu.getNegativeSlope() == 0.0;
    }
    return activation instanceof ActivationIdentity
        || activation instanceof ActivationReLU6
        || activation instanceof ActivationHardTanH
        || activation instanceof ActivationThresholdedReLU;
  }

  /** The activations accepted, for error messages. */
  public static String accepted() {
    return "identity, relu (without a negative slope), relu6, hardtanh, thresholdedrelu";
  }
}
