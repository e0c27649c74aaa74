package dev.net2net;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A transform was asked for something it cannot do while preserving the network's function, or its
 * input was invalid. The message names the layer or vertex and says what was wrong and what would
 * have been accepted; it is meant to be shown to the user as it is.
 */
public final class TransformException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public TransformException(String message) {
    super(message);
  }

  public TransformException(String message, Throwable cause) {
    super(message, cause);
  }
}
