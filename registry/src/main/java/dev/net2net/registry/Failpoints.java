package dev.net2net.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named points in the middle of the registry's and the daemon's work where the fault-injection
 * suite ({@code scripts/chaos}) kills the process: started with {@code
 * -Dnet2net.failpoint=NAME:ARMED_FILE}, the first process to reach the point named NAME (the one
 * that deletes ARMED_FILE, so one process among replicas) prints {@code net2net failpoint reached:
 * NAME} on stderr and stops there until it is killed (kill -9 from outside, at exactly that point).
 * Without the property every point is one string comparison.
 */
public final class Failpoints {
  private static final String SPEC = System.getProperty("net2net.failpoint", "");

  private Failpoints() {}

  public static void reach(String name) {
    if (SPEC.isEmpty()) {
      return;
    }
    int colon = SPEC.indexOf(':');
    String wanted = colon < 0 ? SPEC : SPEC.substring(0, colon);
    if (!wanted.equals(name)) {
      return;
    }
    if (colon >= 0) {
      try {
        if (!Files.deleteIfExists(Path.of(SPEC.substring(colon + 1)))) {
          return;
        }
      } catch (IOException e) {
        return;
      }
    }
    System.err.println("net2net failpoint reached: " + name);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // stay here: only a kill ends this
      }
    }
  }
}
