package dev.net2net.bench;

import dev.net2net.bench.report.Machine;
import java.nio.file.Path;
import java.util.Map;

/**
 * One experiment: reads its options, runs, writes {@code <name>.md}, its PNG figures and raw CSV to
 * the output folder.
 */
public interface Experiment {
  /** The command-line name: {@code bench/run <name>}. */
  String name();

  /** Reads (and so validates) every option before anything runs; returns the work to do. */
  Runnable prepare(Options options, Context context);

  /** Where results go and what to record beside them. */
  record Context(Path out, boolean quick, String command, Map<String, String> machine) {
    public static Context of(Options options, String command) {
      return new Context(options.out(), options.quick(), command, Machine.describe());
    }
  }

  static void log(String message) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
    System.out.flush();
  }
}
