package dev.net2net.cli.registry;

import dev.net2net.cli.UsageError;
import dev.net2net.registry.Registry;
import dev.net2net.registry.alias.AliasMoveResult;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.VersionRef;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Point an alias (e.g. champion) at a version, by compare-and-set: if the alias moved since it was",
      "read (or is not at --expect), nothing changes and the command fails."
    })
final class PromoteCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL:VERSION", description = "the version to promote, e.g. fashion:4")
  String target;

  @Option(names = "--alias", required = true, paramLabel = "ALIAS", description = "e.g. champion")
  String alias;

  @Option(
      names = "--expect",
      paramLabel = "VERSION|none",
      description =
          "Move only if the alias now names this version (or is unset, for 'none'). Default: whatever it names when read.")
  String expect;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "",
      description = "Recorded in the alias history.")
  String reason;

  @Override
  public void run() {
    VersionSelector selector = VersionSelector.parse(target, true);
    AliasName aliasName;
    try {
      aliasName = new AliasName(alias);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Registry registry = database.open(false)) {
      VersionRef version = selector.resolve(registry);
      Optional<Integer> expected =
          expect == null
              ? registry.aliases().resolve(version.model(), aliasName)
              : parseExpected(expect);
      if (expected.equals(Optional.of(version.number()))) {
        out.println(version.model() + " " + aliasName + " already names v" + version.number());
        out.flush();
        return;
      }
      AliasMoveResult result =
          registry
              .aliases()
              .move(
                  aliasName,
                  version,
                  expected,
                  "cli:" + System.getProperty("user.name", "unknown"),
                  reason);
      if (!result.moved()) {
        throw new UsageError(
            "alias '"
                + aliasName
                + "' of "
                + version.model()
                + " names "
                + result.current().map(v -> "v" + v).orElse("nothing")
                + ", not "
                + expected.map(v -> "v" + v).orElse("nothing")
                + " as expected; nothing changed");
      }
      out.println(
          version.model()
              + " "
              + aliasName
              + ": "
              + expected.map(v -> "v" + v).orElse("(unset)")
              + " -> v"
              + version.number());
    }
    out.flush();
  }

  private static Optional<Integer> parseExpected(String text) {
    if (text.equals("none")) {
      return Optional.empty();
    }
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return Optional.of(number);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageError(
        "--expect takes a version number (1 or more) or 'none', not '" + text + "'");
  }
}
