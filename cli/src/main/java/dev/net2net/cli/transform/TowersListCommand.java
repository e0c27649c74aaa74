package dev.net2net.cli.transform;

import dev.net2net.io.ModelFiles;
import dev.net2net.io.ReportJson;
import dev.net2net.towers.InceptionModule;
import dev.net2net.towers.Tower;
import dev.net2net.towers.Towers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code net2net towers list IN.zip}: the Inception modules and towers the whole-model operations
 * would grow.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Show every concatenation (MergeVertex) of a saved ComputationGraph and its towers: per input, the"
            + " vertices only that input needs, and the dense and convolution layers among them.",
    footer = {
      "",
      "Exit codes: 0 listed, 2 bad input (a MultiLayerNetwork, no concatenation, an unreadable file).",
      "Example: net2net towers list inception.zip"
    })
final class TowersListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IN.zip",
      description = "A DL4J ModelSerializer zip of a ComputationGraph.")
  Path in;

  @Option(names = "--json", description = "Print the towers as JSON.")
  boolean json;

  @Override
  public Integer call() {
    List<InceptionModule> modules = Towers.find(ModelFiles.load(in));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (InceptionModule module : modules) {
        List<Map<String, Object>> towers = new ArrayList<>();
        for (Tower tower : module.towers()) {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("position", tower.position());
          t.put("head", tower.head());
          t.put("nodes", tower.nodes());
          t.put("layers", tower.layers());
          towers.add(t);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("merge", module.merge());
        m.put("towers", towers);
        list.add(m);
      }
      out.println(ReportJson.write(list, true));
      return 0;
    }
    for (InceptionModule module : modules) {
      out.println(module.merge() + " (" + module.towers().size() + " towers)");
      for (Tower tower : module.towers()) {
        out.println(
            "  ["
                + tower.position()
                + "] "
                + (tower.isPassThrough()
                    ? "pass-through: reads '" + tower.head() + "' directly"
                    : String.join(" -> ", tower.nodes())
                        + (tower.layers().isEmpty()
                            ? ""
                            : "   layers: " + String.join(", ", tower.layers()))));
      }
    }
    return 0;
  }
}
