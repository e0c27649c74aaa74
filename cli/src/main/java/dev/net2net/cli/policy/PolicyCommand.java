package dev.net2net.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code net2net policy ...}: check growth-policy files and replay them on recorded signals. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Check growth-policy files, and replay them on a recorded history of signals.",
    subcommands = {
      ValidateCommand.class,
      SimulateCommand.class,
    })
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a policy command is required: validate or simulate (see --help)");
  }
}
