package dev.net2net.daemon.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
  @TempDir Path scratch;

  @Test
  void onlyTheScratchFilesOfDeadProcessesAreRemoved() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long dead = gone.pid();
    Path mine = Files.writeString(scratch.resolve(Leftovers.scratchPrefix() + "1.zip"), "in use");
    Path deadZip =
        Files.writeString(scratch.resolve("candidate-" + dead + "-2.zip"), "left by a kill -9");
    Path deadPartial =
        Files.writeString(scratch.resolve(".candidate-" + dead + "-2.zip123.partial"), "half");
    Path oldUnnamed =
        Files.writeString(scratch.resolve("candidate4711.zip"), "from an older version");
    Files.setLastModifiedTime(oldUnnamed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Path newUnnamed = Files.writeString(scratch.resolve("candidate4712.zip"), "maybe in use");
    Path other = Files.writeString(scratch.resolve("notes.txt"), "not ours");

    assertThat(Leftovers.sweep(scratch)).isEqualTo(3);
    assertThat(mine).exists();
    assertThat(newUnnamed).exists();
    assertThat(other).exists();
    assertThat(deadZip).doesNotExist();
    assertThat(deadPartial).doesNotExist();
    assertThat(oldUnnamed).doesNotExist();
  }

  @Test
  void aMissingScratchFolderIsNothingToSweep() {
    assertThat(Leftovers.sweep(scratch.resolve("absent"))).isZero();
  }
}
