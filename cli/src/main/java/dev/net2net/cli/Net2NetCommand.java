package dev.net2net.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The runnable jar's entry point: {@code java -jar cli/target/net2net.jar <command>}.
 *
 * <p>Exit codes are part of the interface: 0 success, 1 a check that ran and failed (verify out of
 * tolerance, an invalid policy), 2 bad input (a missing or corrupt file, an unknown layer, a
 * malformed URL), 3 an internal error.
 */
@Command(
    name = "net2net",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Grow DeepLearning4J networks as their data grows, with Net2Net function-preserving transforms.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.net2net.cli.transform.WidenCommand.class,
      dev.net2net.cli.transform.DeepenCommand.class,
      dev.net2net.cli.transform.VerifyCommand.class,
      dev.net2net.cli.transform.TowersCommand.class,
      dev.net2net.cli.daemon.DaemonCommand.class,
      dev.net2net.cli.daemon.DemoCommand.class,
      dev.net2net.cli.registry.RegistryCommand.class,
      dev.net2net.cli.registry.MigrateCommand.class,
      dev.net2net.cli.policy.PolicyCommand.class,
    })
public final class Net2NetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Logging.quiet();
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code; used by tests, which must not call
   * System.exit.
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Net2NetCommand());
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(new ErrorReporter());
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (see --help)");
  }
}
