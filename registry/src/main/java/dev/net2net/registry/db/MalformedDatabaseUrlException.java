package dev.net2net.registry.db;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.RegistryInputException;

/**
 * A database URL that is not one of the accepted spellings; the message names the URL and the
 * forms.
 */
public final class MalformedDatabaseUrlException extends RegistryInputException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public MalformedDatabaseUrlException(String message) {
    super(message);
  }
}
