package dev.net2net.cli.registry;

import dev.net2net.registry.Registry;
import dev.net2net.registry.model.ModelSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the registered models.")
final class ListCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    try (Registry registry = database.open(false)) {
      List<ModelSummary> models = registry.models().summaries();
      if (models.isEmpty()) {
        out.println("No models registered in " + registry.database().where() + ".");
        return;
      }
      int width =
          Math.max(
              5, models.stream().mapToInt(m -> m.model().name().value().length()).max().orElse(5));
      String row = "%-" + width + "s  %8s  %8s  %-20s  %s%n";
      out.printf(Locale.ROOT, row, "MODEL", "VERSIONS", "CHAMPION", "LATEST", "DESCRIPTION");
      for (ModelSummary summary : models) {
        out.printf(
            Locale.ROOT,
            row,
            summary.model().name(),
            summary.model().latestVersion(),
            summary.champion().map(v -> "v" + v).orElse("-"),
            summary.latestRegisteredAt().map(Formats::time).orElse("-"),
            summary.model().description());
      }
    }
    out.flush();
  }
}
