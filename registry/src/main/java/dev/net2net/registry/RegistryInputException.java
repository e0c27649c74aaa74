package dev.net2net.registry;

import dev.net2net.errors.ErrorKind;

/**
 * A failure whose message is a complete, one-line account meant for the person who asked: an
 * unknown model or version, a malformed or unreachable database URL, a missing or corrupt artifact.
 * Command lines print the message alone, without a stack trace.
 */
public class RegistryInputException extends RegistryException {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  public RegistryInputException(String message) {
    super(message);
  }

  public RegistryInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
