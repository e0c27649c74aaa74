package dev.net2net.cli.registry;

import dev.net2net.cli.UsageError;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.ModelVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Copy a version's artifact (its DL4J model zip) to a file, verifying its SHA-256 on the way.")
final class ExportCommand implements Runnable {
  @Mixin DatabaseOptions database;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "MODEL:VERSION", description = "e.g. fashion:3 or fashion:champion")
  String target;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the artifact.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public void run() {
    VersionSelector selector = VersionSelector.parse(target, true);
    Path destination = out.toAbsolutePath();
    if (Files.exists(destination) && !force) {
      throw new UsageError(destination + " exists; pass --force to replace it");
    }
    if (destination.getParent() != null && !Files.isDirectory(destination.getParent())) {
      throw new UsageError(
          "cannot write "
              + destination
              + ": the directory "
              + destination.getParent()
              + " does not exist");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try (Registry registry = database.open(false)) {
      // Without --artifacts the file is where the registry recorded it, which may be another
      // daemon's home.
      ModelVersion version =
          database.artifactRoot == null
              ? registry.versions().exportRecordedArtifact(selector.resolve(registry), destination)
              : registry.versions().exportArtifact(selector.resolve(registry), destination);
      stdout.println(
          "exported "
              + version.ref()
              + " to "
              + destination
              + " ("
              + Formats.count(version.artifact().size())
              + " bytes, "
              + version.artifact().sha256()
              + " verified)");
    }
    stdout.flush();
  }
}
