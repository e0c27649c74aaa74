package dev.net2net.cli;

/** The command line's exit codes. */
public final class ExitCode {
  public static final int OK = 0;
  /** A check ran and failed: verify out of tolerance, an invalid policy file. */
  public static final int CHECK_FAILED = 1;
  /** Bad input: a missing or corrupt file, an unknown layer, a malformed URL. */
  public static final int BAD_INPUT = 2;
  /** A bug or an environment failure we did not anticipate. */
  public static final int INTERNAL_ERROR = 3;

  private ExitCode() {}
}
