package dev.net2net.cli.policy;

import dev.net2net.cli.UsageError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the files the policy commands are given, with one-line reasons when that fails. */
final class PolicyFiles {

  private PolicyFiles() {}

  static byte[] read(Path path, String what) {
    if (Files.isDirectory(path)) {
      throw new UsageError("cannot read " + what + " " + path + ": it is a directory");
    }
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UsageError("cannot read " + what + " " + path + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageError("cannot read " + what + " " + path + ": permission denied");
    } catch (IOException e) {
      throw new UsageError("cannot read " + what + " " + path + ": " + e.getMessage(), e);
    }
  }
}
