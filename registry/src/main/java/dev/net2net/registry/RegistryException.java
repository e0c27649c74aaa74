package dev.net2net.registry;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A registry operation failed. The message says which operation and why. Subclasses of {@link
 * RegistryInputException} are the caller's mistakes or the environment's state (an unknown model,
 * an unreachable database, a corrupt artifact); anything else is unexpected.
 */
public class RegistryException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.INTERNAL;
  }

  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
