package dev.net2net.cli.registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code net2net registry ...}: read and steer the model registry. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "Inspect the model registry: models, versions, lineage, aliases and artifacts.",
    subcommands = {
      ListCommand.class,
      ShowCommand.class,
      LineageCommand.class,
      PromoteCommand.class,
      ExportCommand.class,
    })
public final class RegistryCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a registry command is required: list, show, lineage, promote or export (see --help)");
  }
}
