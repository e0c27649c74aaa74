package dev.net2net.training;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * Training could not go on: the loss became NaN or infinite, or memory ran out. The message says
 * where.
 */
public final class TrainingFailedException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.CHECK_FAILED;
  }

  public TrainingFailedException(String message) {
    super(message);
  }

  public TrainingFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
