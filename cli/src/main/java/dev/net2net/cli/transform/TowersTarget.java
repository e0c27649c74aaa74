package dev.net2net.cli.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a towers command works on: the teacher graph, and optionally only some of its
 * concatenations.
 */
final class TowersTarget {

  @Parameters(
      index = "0",
      paramLabel = "IN.zip",
      description =
          "The teacher: a DL4J ModelSerializer zip of a"
              + " ComputationGraph with at least one MergeVertex.")
  Path in;

  @Option(
      names = "--module",
      paramLabel = "M",
      description = "Only the towers of this concatenation (repeatable; default: every one).")
  List<String> modules = new ArrayList<>();
}
