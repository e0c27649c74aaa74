package dev.net2net.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** The machine a result was measured on, as recorded beside every figure. */
public final class Machine {
  private Machine() {}

  /**
   * Date, CPU model (from /proc/cpuinfo), cores, memory, load, OS, Java, ND4J backend, BLAS and
   * threads.
   */
  public static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("date", Instant.now().toString());
    m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible");
    m.put("CPU flags", cpuFlags());
    m.put("memory", String.format(java.util.Locale.ROOT, "%.1f GiB", totalMemoryGiB()));
    m.put("load average at start", loadAverage());
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put(
        "Java",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + ", -Xmx"
            + (Runtime.getRuntime().maxMemory() >> 20)
            + "m");
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    m.put(
        "ND4J backend",
        Nd4j.getBackend().getClass().getSimpleName()
            + " (DL4J/ND4J 1.0.0-M2.1), BLAS "
            + env.getOrDefault("blas.vendor", "?")
            + ", data type "
            + Nd4j.dataType());
    m.put("libnd4j build", nativeBuild());
    m.put(
        "threads",
        dev.net2net.bench.train.Threads.describe()
            + "; OMP_NUM_THREADS="
            + System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
    return m;
  }

  /**
   * The loaded libnd4j's build flags (HAVE_ONEDNN: the oneDNN build) and the DL4J layer helpers'
   * switch.
   */
  public static String nativeBuild() {
    String flags;
    try {
      flags =
          java.util.Arrays.stream(
                  org.nd4j.nativeblas.NativeOpsHolder.getInstance()
                      .getDeviceNativeOps()
                      .buildInfo()
                      .split("\\s+"))
              .filter(f -> f.startsWith("HAVE_") || f.startsWith("HAVE"))
              .collect(java.util.stream.Collectors.joining(" "));
    } catch (RuntimeException | LinkageError e) {
      flags = "?";
    }
    return flags
        + "; OPENBLAS_CORETYPE="
        + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)")
        + "; "
        + dev.net2net.training.ComputeSettings.current()
        + " (at the start of the run)";
  }

  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return System.getProperty("os.arch");
  }

  private static String cpuFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          StringBuilder simd = new StringBuilder();
          for (String f : line.substring(line.indexOf(':') + 1).trim().split(" ")) {
            if (f.equals("avx") || f.equals("avx2") || f.equals("fma") || f.startsWith("avx512f")) {
              simd.append(simd.length() == 0 ? "" : " ").append(f);
            }
          }
          return simd.length() == 0 ? "no AVX" : simd.toString();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "?";
  }

  private static double totalMemoryGiB() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize() / (double) (1L << 30);
    }
    return Double.NaN;
  }

  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The machine as a two-column markdown table. */
  public static String table(Map<String, String> machine) {
    StringBuilder sb = new StringBuilder("| | |\n|---|---|\n");
    machine.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    return sb.toString();
  }
}
