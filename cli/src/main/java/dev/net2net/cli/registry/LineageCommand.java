package dev.net2net.cli.registry;

import dev.net2net.registry.Registry;
import dev.net2net.registry.model.Lineage;
import dev.net2net.registry.model.ModelVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Prints where a version came from and what grew out of it. Ancestors form a chain and print as a
 * flat list; descendants print as a tree that indents only where it branches, so a 1,000-deep chain
 * stays readable instead of drifting off the screen.
 */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = "Show a version's ancestors (from the seed) and its descendants as a tree.")
final class LineageCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL:VERSION", description = "e.g. fashion:3 or fashion:champion")
  String target;

  @Override
  public void run() {
    VersionSelector selector = VersionSelector.parse(target, true);
    PrintWriter out = spec.commandLine().getOut();
    try (Registry registry = database.open(false)) {
      Lineage lineage = registry.versions().lineage(selector.resolve(registry));
      out.println(
          "lineage of "
              + lineage.version().ref()
              + " ("
              + lineage.ancestors().size()
              + " ancestors, "
              + lineage.descendants().size()
              + " descendants)");
      for (ModelVersion ancestor : lineage.ancestors()) {
        out.println(Formats.versionLine(ancestor));
      }
      out.println(Formats.versionLine(lineage.version()) + "   <== " + lineage.version().ref());
      printChildren(lineage.childrenByParent(), lineage.version().number(), "", out);
    }
    out.flush();
  }

  private static void printChildren(
      Map<Integer, List<ModelVersion>> children, int parent, String indent, PrintWriter out) {
    // Iterative along single-child chains so depth does not grow the Java stack.
    List<ModelVersion> next = children.getOrDefault(parent, List.of());
    while (next.size() == 1) {
      ModelVersion only = next.get(0);
      out.println(indent + "└─ " + Formats.versionLine(only));
      next = children.getOrDefault(only.number(), List.of());
      if (next.size() > 1) {
        printBranches(children, next, indent, out);
        return;
      }
    }
    if (next.size() > 1) {
      printBranches(children, next, indent, out);
    }
  }

  private static void printBranches(
      Map<Integer, List<ModelVersion>> children,
      List<ModelVersion> branches,
      String indent,
      PrintWriter out) {
    for (int i = 0; i < branches.size(); i++) {
      boolean last = i == branches.size() - 1;
      ModelVersion branch = branches.get(i);
      out.println(indent + (last ? "└─ " : "├─ ") + Formats.versionLine(branch));
      printChildren(children, branch.number(), indent + (last ? "   " : "│  "), out);
    }
  }
}
