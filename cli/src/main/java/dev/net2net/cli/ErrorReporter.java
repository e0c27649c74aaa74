package dev.net2net.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code. Bad input never shows a stack trace;
 * an unexpected failure does only when NET2NET_DEBUG is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("net2net: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCode.BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof ParameterException pe) {
      return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
    }
    if (isBadInput(ex)) {
      err.println("net2net: " + ex.getMessage());
      err.flush();
      return ExitCode.BAD_INPUT;
    }
    err.println("net2net: internal error: " + ex);
    if (System.getenv("NET2NET_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("(set NET2NET_DEBUG=1 for the stack trace)");
    }
    err.flush();
    return ExitCode.INTERNAL_ERROR;
  }

  /** Exceptions whose message is a complete, user-facing account of bad input. */
  static boolean isBadInput(Throwable ex) {
    return ex instanceof UsageError
        || ex instanceof dev.net2net.TransformException
        || ex instanceof dev.net2net.datasets.DatasetException
        || ex instanceof dev.net2net.io.ModelFileException
        || ex instanceof dev.net2net.daemon.config.ConfigException
        || ex instanceof dev.net2net.daemon.DaemonStartException
        || ex instanceof dev.net2net.registry.RegistryInputException;
  }
}
