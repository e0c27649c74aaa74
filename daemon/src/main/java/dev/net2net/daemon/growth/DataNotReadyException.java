package dev.net2net.daemon.growth;

/**
 * The job cannot run yet because its model has no training data loaded (the daemon is starting, or
 * the data folder is still empty). Not the job's fault: the worker hands it back without counting the
 * attempt.
 */
public final class DataNotReadyException extends RuntimeException {
  public DataNotReadyException(String message) {
    super(message);
  }
}
