package dev.net2net.datasets;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A data file is missing, truncated or not what it claims to be. The message names the file and the
 * place.
 */
public final class DatasetException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
