package dev.net2net.cli.transform;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code net2net towers ...}: the paper's whole-model operations on Inception-style
 * ComputationGraphs.
 */
@Command(
    name = "towers",
    mixinStandardHelpOptions = true,
    description = {
      "Whole-model Net2Net operations on ComputationGraphs with Inception modules: every MergeVertex is a module,"
          + " and each of its inputs, back to where it branches off from the others, is a tower.",
      "widen widens every dense and convolution layer of every tower by a factor (the paper's Net2WiderNet"
          + " experiment); deepen inserts K identity layers at the end of every tower (its Net2DeeperNet"
          + " experiment); list shows the towers found."
    },
    subcommands = {
      TowersListCommand.class,
      TowersWidenCommand.class,
      TowersDeepenCommand.class,
    })
public final class TowersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a towers command is required: list, widen or deepen (see --help)");
  }
}
