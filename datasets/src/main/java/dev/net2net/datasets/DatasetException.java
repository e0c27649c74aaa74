package dev.net2net.datasets;

/** A data file is missing, truncated or not what it claims to be. The message names the file and the place. */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
