package dev.net2net.cli;

import dev.net2net.errors.ErrorKind;

/** The command line's exit codes; failures get theirs from {@link ErrorKind}'s table. */
public final class ExitCode {
  public static final int OK = 0;

  /** A check ran and failed: verify out of tolerance, an invalid policy file. */
  public static final int CHECK_FAILED = ErrorKind.CHECK_FAILED.exitCode();

  /** Bad input: a missing or corrupt file, an unknown layer, a malformed URL. */
  public static final int BAD_INPUT = ErrorKind.BAD_INPUT.exitCode();

  /** A bug or an environment failure we did not anticipate. */
  public static final int INTERNAL_ERROR = ErrorKind.INTERNAL.exitCode();

  private ExitCode() {}
}
