package dev.net2net.daemon;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.ErrorKinds;
import dev.net2net.errors.UserFacingError;

/**
 * The daemon cannot start: the message says why (an invalid policy, an unreachable database, ...).
 * Its kind is its cause's, when the cause declares one; otherwise the start-up input was bad.
 */
public final class DaemonStartException extends RuntimeException implements UserFacingError {
  private final ErrorKind kind;

  public DaemonStartException(String message) {
    super(message);
    this.kind = ErrorKind.BAD_INPUT;
  }

  public DaemonStartException(String message, Throwable cause) {
    super(message, cause);
    ErrorKind causeKind = ErrorKinds.of(cause);
    this.kind = causeKind == ErrorKind.INTERNAL ? ErrorKind.BAD_INPUT : causeKind;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
