package dev.net2net.cli.registry;

import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.Model;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionDetails;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a model and its versions, or one version (MODEL:VERSION or MODEL:ALIAS) in full.")
final class ShowCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "MODEL[:VERSION]",
      description = "e.g. fashion, fashion:3 or fashion:champion")
  String target;

  @Override
  public void run() {
    VersionSelector selector = VersionSelector.parse(target, false);
    PrintWriter out = spec.commandLine().getOut();
    try (Registry registry = database.open(false)) {
      if (selector.version().isEmpty()) {
        showModel(registry, registry.models().get(selector.model()), out);
      } else {
        showVersion(registry.versions().details(selector.resolve(registry)), out);
      }
    }
    out.flush();
  }

  private static void showModel(Registry registry, Model model, PrintWriter out) {
    out.println(
        "model "
            + model.name()
            + (model.description().isEmpty() ? "" : " - " + model.description()));
    out.println("created " + Formats.time(model.createdAt()));
    Map<AliasName, Integer> aliases = registry.aliases().list(model.name());
    out.println(
        "aliases "
            + (aliases.isEmpty()
                ? "(none)"
                : aliases.entrySet().stream()
                    .map(e -> e.getKey() + " -> v" + e.getValue())
                    .collect(Collectors.joining(", "))));
    List<ModelVersion> versions = registry.versions().list(model.name());
    if (versions.isEmpty()) {
      out.println("no versions yet");
      return;
    }
    String row = "%-8s %-7s %-28s %-24s %14s %12s  %s%n";
    out.printf(
        Locale.ROOT,
        row,
        "VERSION",
        "PARENT",
        "TRANSFORM",
        "STATUS",
        "PARAMETERS",
        "PRESERVATION",
        "CREATED");
    for (ModelVersion v : versions) {
      out.printf(
          Locale.ROOT,
          row,
          "v" + v.number(),
          v.parent().map(p -> "v" + p).orElse("-"),
          Formats.transform(v),
          v.state(),
          Formats.count(v.parameterCount()),
          v.preservationError().isPresent()
              ? String.format(Locale.ROOT, "%.2e", v.preservationError().getAsDouble())
              : "-",
          Formats.time(v.createdAt()));
    }
  }

  private static void showVersion(VersionDetails details, PrintWriter out) {
    ModelVersion v = details.version();
    out.println("version       " + v.ref());
    out.println("status        " + v.state());
    out.println("parent        " + v.parentRef().map(Object::toString).orElse("(seed)"));
    out.println("transform     " + v.transform().map(Object::toString).orElse("(none)"));
    out.println("architecture  " + v.architecture());
    out.println("parameters    " + Formats.count(v.parameterCount()));
    out.println(
        "dataset       "
            + Formats.count(v.dataset().rows())
            + " rows, digest "
            + v.dataset().digest().hex());
    out.println(
        "preservation  "
            + (v.preservationError().isPresent()
                ? String.format(
                    Locale.ROOT,
                    "%.3e (max abs output difference)",
                    v.preservationError().getAsDouble())
                : "-"));
    out.println(
        "artifact      "
            + v.artifact().sha256()
            + ", "
            + Formats.count(v.artifact().size())
            + " bytes");
    out.println("              " + v.artifact().uri());
    out.println(
        "aliases       "
            + (details.aliases().isEmpty()
                ? "(none)"
                : details.aliases().stream()
                    .map(AliasName::value)
                    .collect(Collectors.joining(", "))));
    out.println("created       " + Formats.time(v.createdAt()));
    out.println("updated       " + Formats.time(v.updatedAt()));
    if (details.metrics().isEmpty()) {
      out.println("metrics       (none)");
      return;
    }
    out.println("metrics");
    for (Metric metric : details.metrics()) {
      out.printf(
          Locale.ROOT,
          "  %-32s %-8s %.6g%n",
          metric.key(),
          metric.epoch().isPresent() ? "epoch " + metric.epoch().getAsInt() : "final",
          metric.value());
    }
  }
}
