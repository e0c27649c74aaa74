package dev.net2net.training.engine;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A configuration names a training engine that is not on the classpath, or settings it refuses. The
 * message says which engine, which are available and what to do.
 */
public final class EngineUnavailableException extends RuntimeException implements UserFacingError {
  public EngineUnavailableException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }
}
