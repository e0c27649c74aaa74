package dev.net2net.registry.db;

import dev.net2net.registry.RegistryInputException;

/** A database URL that is not one of the accepted spellings; the message names the URL and the forms. */
public final class MalformedDatabaseUrlException extends RegistryInputException {
  public MalformedDatabaseUrlException(String message) {
    super(message);
  }
}
