package dev.net2net.datasets.read;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/** What is wrong with one value, without where; the reader that found it adds the place. */
final class ValueProblem extends Exception implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  ValueProblem(String message) {
    super(message, null, false, false);
  }
}
