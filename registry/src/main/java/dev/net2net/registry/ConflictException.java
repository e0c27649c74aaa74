package dev.net2net.registry;

import dev.net2net.errors.ErrorKind;

/**
 * The request contradicts what is stored: a parent from another model, a status change that is not
 * allowed, a job lease that is no longer held. Nothing was changed.
 */
public class ConflictException extends RegistryInputException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.CONFLICT;
  }

  public ConflictException(String message) {
    super(message);
  }
}
