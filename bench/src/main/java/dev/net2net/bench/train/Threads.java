package dev.net2net.bench.train;

import org.nd4j.linalg.factory.Nd4j;

/** ND4J's thread settings at run time: libnd4j's OpenMP threads and OpenBLAS's threads. */
public final class Threads {
  private Threads() {}

  public static void set(int threads) {
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  public static String describe() {
    return "ND4J max threads "
        + Nd4j.getEnvironment().maxThreads()
        + ", master threads "
        + Nd4j.getEnvironment().maxMasterThreads()
        + ", BLAS threads "
        + Nd4j.factory().blas().getMaxThreads()
        + ", ND4J periodic GC "
        + (Nd4j.getMemoryManager().isPeriodicGcActive()
            ? "on (window " + Nd4j.getMemoryManager().getAutoGcWindow() + " ms)"
            : "off");
  }
}
