package dev.net2net.registry;

/** A model, version, alias, job or decision that the caller named does not exist. */
public final class NotFoundException extends RegistryInputException {
  public NotFoundException(String message) {
    super(message);
  }
}
