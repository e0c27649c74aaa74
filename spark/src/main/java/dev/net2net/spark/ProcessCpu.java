package dev.net2net.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and every process it started (a local cluster's workers start
 * the executor JVMs as its descendants), from {@code /proc/PID/stat}: user plus system time. On a
 * shared machine wall time measures the neighbours as much as the work; CPU time per sample does
 * not. Linux only; elsewhere it reads 0.
 */
final class ProcessCpu {
  /** {@code getconf CLK_TCK} on Linux. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  static double seconds() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .mapToDouble(p -> seconds(p.pid()))
        .sum();
  }

  private static double seconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count from after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended meanwhile, or this is not Linux
    }
  }
}
