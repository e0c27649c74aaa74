package dev.net2net.daemon.growth;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scratch files a growth writes before the registry takes its own copy: named after the process
 * that writes them, so a sweep can tell the files of a process that died (kill -9 mid-write) from
 * those of a live one sharing the folder, and remove only the former.
 */
public final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
  private static final String PREFIX = "candidate-";

  /**
   * A scratch file of ours or of the model writer beside it ({@code .candidate-...zip....partial}).
   */
  private static final Pattern OURS = Pattern.compile("^\\.?candidate-(\\d+)-.*");

  /**
   * Scratch files from before they were named after their process: removed once surely abandoned.
   */
  private static final Pattern UNNAMED = Pattern.compile("^\\.?candidate\\d+.*\\.zip.*");

  private static final Duration UNNAMED_AGE = Duration.ofMinutes(10);

  private Leftovers() {}

  /** The prefix of this process's scratch files. */
  public static String scratchPrefix() {
    return PREFIX + ProcessHandle.current().pid() + "-";
  }

  /** Removes the scratch files in {@code scratch} whose process is gone; returns how many. */
  public static int sweep(Path scratch) {
    if (!Files.isDirectory(scratch)) {
      return 0;
    }
    int removed = 0;
    Instant old = Instant.now().minus(UNNAMED_AGE);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch)) {
      for (Path file : files) {
        if (abandoned(file, old)) {
          try {
            if (Files.deleteIfExists(file)) {
              removed++;
            }
          } catch (IOException e) {
            LOG.warn("cannot remove the leftover scratch file {}: {}", file, e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list the scratch folder {}: {}", scratch, e.getMessage());
    }
    if (removed > 0) {
      LOG.info("removed {} scratch file(s) left in {} by processes that died", removed, scratch);
    }
    return removed;
  }

  private static boolean abandoned(Path file, Instant old) throws IOException {
    String name = file.getFileName().toString();
    Matcher ours = OURS.matcher(name);
    if (ours.matches()) {
      long pid = Long.parseLong(ours.group(1));
      return pid != ProcessHandle.current().pid()
          && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
    return UNNAMED.matcher(name).matches()
        && Files.getLastModifiedTime(file).toInstant().isBefore(old);
  }
}
