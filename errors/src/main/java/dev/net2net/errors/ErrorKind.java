package dev.net2net.errors;

/**
 * What kind of failure an exception reports, and the one table that turns a kind into the command
 * line's exit code and the HTTP API's status. The command line and the API both read this table, so
 * a new exception gets the same treatment in both by declaring its kind.
 */
public enum ErrorKind {
  /** The caller's input is wrong: a file, a flag, a configuration, a request body, a URL. */
  BAD_INPUT(2, 400),
  /** Something the caller named does not exist: a model, a version, an alias, a file. */
  NOT_FOUND(2, 404),
  /** The request is well formed but loses a race or contradicts the current state. */
  CONFLICT(2, 409),
  /**
   * A check ran and failed: a tolerance exceeded, a loss that diverged, a policy that does not
   * validate.
   */
  CHECK_FAILED(1, 422),
  /** Stored data failed its integrity check: the server's fault, not the caller's. */
  CORRUPT(2, 500),
  /**
   * A service this work needs (the database, a disk) cannot be reached now; retrying later may
   * work.
   */
  UNAVAILABLE(2, 503),
  /** A bug or a failure nobody anticipated. */
  INTERNAL(3, 500);

  private final int exitCode;
  private final int httpStatus;

  ErrorKind(int exitCode, int httpStatus) {
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }

  /** The command line's exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** The HTTP API's status code. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the exception's message alone is a complete account for the user (no stack trace
   * needed).
   */
  public boolean userFacing() {
    return this != INTERNAL;
  }
}
