package dev.net2net.registry;

/**
 * The request contradicts what is stored: a parent from another model, a status change that is not
 * allowed, a job lease that is no longer held. Nothing was changed.
 */
public class ConflictException extends RegistryInputException {
  public ConflictException(String message) {
    super(message);
  }
}
