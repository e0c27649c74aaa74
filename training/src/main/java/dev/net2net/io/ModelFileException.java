package dev.net2net.io;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A model file is missing, unreadable, or not a DeepLearning4J model; the message names the file.
 */
public final class ModelFileException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
