package dev.net2net.daemon;

/** The daemon cannot start: the message says why (an invalid policy, an unreachable database, ...). */
public final class DaemonStartException extends RuntimeException {
  public DaemonStartException(String message) {
    super(message);
  }

  public DaemonStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
