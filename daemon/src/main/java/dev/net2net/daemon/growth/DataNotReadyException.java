package dev.net2net.daemon.growth;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * The job cannot run yet because its model has no training data loaded (the daemon is starting, or
 * the data folder is still empty), or because this daemon does not manage its model. Not the job's
 * fault: the worker hands it back without counting the attempt.
 */
public final class DataNotReadyException extends RuntimeException implements UserFacingError {
  public DataNotReadyException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.UNAVAILABLE;
  }
}
