package dev.net2net.errors;

/**
 * An exception whose message is written for the user, and which says what kind of failure it is.
 * Every exception type the project defines implements this (a test walks them all), so that nothing
 * the user caused becomes an "internal error" by accident.
 */
public interface UserFacingError {

  /** What kind of failure this is; decides the exit code and the HTTP status. */
  ErrorKind kind();

  /** The message for the user: what was wrong and where. */
  String getMessage();
}
