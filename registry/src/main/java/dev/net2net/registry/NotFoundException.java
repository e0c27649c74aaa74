package dev.net2net.registry;

import dev.net2net.errors.ErrorKind;

/** A model, version, alias, job or decision that the caller named does not exist. */
public final class NotFoundException extends RegistryInputException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.NOT_FOUND;
  }

  public NotFoundException(String message) {
    super(message);
  }
}
