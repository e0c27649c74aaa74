package dev.net2net.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How this process computes: the threads of ND4J's OpenMP loops and of OpenBLAS, and whether DL4J's
 * oneDNN layer helpers run (convolution, pooling, batch normalization). {@link #forMachine()} is
 * one thread per physical core with the helpers on; the daemon's configuration may override both.
 * {@link #apply()} sets them for the whole process and must come before any network is built: DL4J
 * decides on a layer's helper when it creates the layer.
 *
 * @param threads ND4J's OpenMP threads, its master threads and OpenBLAS's threads
 * @param helpers whether layers use oneDNN kernels where the native build has them (see {@code
 *     org.nd4j.nativeblas.Nd4jCpu} for why DL4J M2.1 needs a stand-in class to find them)
 */
public record ComputeSettings(int threads, boolean helpers) {
  /** DL4J's switch; its default, {@code true}, turns every layer helper off. */
  public static final String HELPERS_DISABLED_PROPERTY =
      "org.eclipse.deeplearning4j.helpers.disable";

  public ComputeSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** One thread per physical core of this machine, helpers on. */
  public static ComputeSettings forMachine() {
    return new ComputeSettings(physicalCores(), true);
  }

  /** Sets the threads and the helper switch for the whole process. */
  public void apply() {
    System.setProperty(HELPERS_DISABLED_PROPERTY, Boolean.toString(!helpers));
    Environment environment = Nd4j.getEnvironment();
    environment.allowHelpers(helpers);
    environment.setMaxThreads(threads);
    environment.setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** The settings in force now, as ND4J reports them. */
  public static ComputeSettings current() {
    boolean helpers =
        !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLED_PROPERTY, "true"))
            && Nd4j.getEnvironment().helpersAllowed();
    return new ComputeSettings(Math.max(1, Nd4j.factory().blas().getMaxThreads()), helpers);
  }

  /**
   * The value of {@code OPENBLAS_CORETYPE} that suits this CPU: SkylakeX with AVX-512, else
   * Haswell. OpenBLAS 0.3.19, the one ND4J M2.1 bundles, picks its kernels by CPU model and does
   * not know models newer than it (a Sapphire Rapids among them): it falls back to its SSE3 kernels
   * ("Prescott"), measured at about a fifth of the AVX-512 ones' sgemm rate. Only the variable, in
   * the environment when the library loads, overrides that choice; {@code bench/run} sets it.
   */
  public static String suitableBlasCoreType() {
    return cpuFlags().contains("avx512f") ? "SkylakeX" : "Haswell";
  }

  private static Set<String> cpuFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: nothing known
    }
    return Set.of();
  }

  /**
   * The physical cores of this machine: distinct (physical id, core id) pairs of /proc/cpuinfo,
   * capped by the processors this JVM may use; the JVM's count where /proc/cpuinfo says nothing.
   */
  public static int physicalCores() {
    int visible = Runtime.getRuntime().availableProcessors();
    try {
      return physicalCores(Files.readAllLines(Path.of("/proc/cpuinfo")), visible);
    } catch (IOException | RuntimeException e) {
      return visible;
    }
  }

  static int physicalCores(List<String> cpuinfo, int visible) {
    Set<String> cores = new HashSet<>();
    String physical = "0";
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("physical id")) {
        physical = value;
      } else if (key.equals("core id")) {
        cores.add(physical + "/" + value);
      }
    }
    return cores.isEmpty() ? visible : Math.max(1, Math.min(visible, cores.size()));
  }

  @Override
  public String toString() {
    return threads + " thread(s), oneDNN helpers " + (helpers ? "on" : "off");
  }
}
