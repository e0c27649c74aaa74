package dev.net2net.cli;

/**
 * Bad input detected by a command: reported as one line on stderr with exit code 2, no stack trace.
 * The message says what was wrong and where.
 */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message);
  }

  public UsageError(String message, Throwable cause) {
    super(message, cause);
  }
}
