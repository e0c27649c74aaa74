package dev.net2net.cli;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * Bad input detected by a command: reported as one line on stderr with exit code 2, no stack trace.
 * The message says what was wrong and where.
 */
public final class UsageError extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public UsageError(String message) {
    super(message);
  }

  public UsageError(String message, Throwable cause) {
    super(message, cause);
  }
}
