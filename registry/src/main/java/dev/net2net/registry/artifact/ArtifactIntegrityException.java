package dev.net2net.registry.artifact;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.RegistryInputException;
import dev.net2net.registry.Sha256;

/**
 * A stored artifact is missing, or its bytes no longer match the checksum recorded for it. The
 * artifact must not be used; the message names the file and both checksums.
 */
public final class ArtifactIntegrityException extends RegistryInputException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.CORRUPT;
  }

  public enum Problem {
    MISSING,
    CORRUPT
  }

  private final Problem problem;
  private final Sha256 expected;

  public ArtifactIntegrityException(Problem problem, Sha256 expected, String message) {
    super(message);
    this.problem = problem;
    this.expected = expected;
  }

  public Problem problem() {
    return problem;
  }

  public Sha256 expected() {
    return expected;
  }
}
