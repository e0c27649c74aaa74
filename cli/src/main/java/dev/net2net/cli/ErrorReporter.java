package dev.net2net.cli;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.ErrorKinds;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code, by their {@link ErrorKind} (the same
 * table the HTTP API uses). A user-facing failure never shows a stack trace; an internal one does
 * only when NET2NET_DEBUG is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(
        "net2net: "
            + ex.getMessage()
            + " (see '"
            + cmd.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof ParameterException pe) {
      return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
    }
    Throwable failure = ErrorKinds.unwrap(ex);
    ErrorKind kind = ErrorKinds.of(failure);
    if (kind.userFacing()) {
      err.println("net2net: " + failure.getMessage());
      err.flush();
      return kind.exitCode();
    }
    err.println("net2net: internal error: " + failure);
    if (System.getenv("NET2NET_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("(set NET2NET_DEBUG=1 for the stack trace)");
    }
    err.flush();
    return kind.exitCode();
  }
}
