package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * A stand-in for a class DL4J 1.0.0-M2.1 looks for and ND4J 1.0.0-M2.1 no longer has, so that
 * DL4J's oneDNN layer helpers (convolution, pooling, batch normalization) can run at all.
 *
 * <p>Why it exists: DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, {@code
 * org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}; ND4J M2.1 moved that class
 * to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}. The lookup fails, DL4J logs "Cannot find class", and every layer trains
 * without its helper even on a libnd4j built with oneDNN. This class answers under the old name
 * with the new method, found by reflection too (the CUDA build has no such class: then it answers
 * false). Nothing else uses it; delete it with the move to a DL4J release that names the class
 * right. Enabled or not, the helpers also need {@code
 * org.eclipse.deeplearning4j.helpers.disable=false}, which {@code
 * dev.net2net.training.ComputeSettings} sets.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** Answers DL4J's question under the name it asks it. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Whether the loaded libnd4j runs oneDNN kernels (false where it has none, or no CPU backend).
     */
    public boolean isUseMKLDNN() {
      try {
        Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        Object environment = real.getMethod("getInstance").invoke(null);
        Method useOneDnn = real.getMethod("isUseONEDNN");
        return (Boolean) useOneDnn.invoke(environment);
      } catch (ReflectiveOperationException | LinkageError e) {
        return false;
      }
    }
  }
}
