package dev.net2net.spark;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * Spark could not train: the cluster could not be reached or lost its executors, or a second master
 * was asked for in a process that holds a context for another. The message says which.
 */
public final class SparkTrainingException extends RuntimeException implements UserFacingError {
  private final ErrorKind kind;

  public SparkTrainingException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public SparkTrainingException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
