package dev.net2net.daemon.http;

/** A request the API refuses: the HTTP status and a message saying what was wrong. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
