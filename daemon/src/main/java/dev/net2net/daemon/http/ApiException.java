package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A request the API refuses: what kind of refusal (which decides the status) and what was wrong.
 */
public final class ApiException extends RuntimeException implements UserFacingError {
  private final ErrorKind kind;

  public ApiException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
