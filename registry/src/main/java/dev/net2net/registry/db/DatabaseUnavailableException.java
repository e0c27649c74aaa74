package dev.net2net.registry.db;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.RegistryInputException;

/**
 * The database could not be reached, refused the login, does not exist, or lacks the net2net
 * schema. The message names the (redacted) URL and what went wrong.
 */
public final class DatabaseUnavailableException extends RegistryInputException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.UNAVAILABLE;
  }

  public DatabaseUnavailableException(String message) {
    super(message);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
