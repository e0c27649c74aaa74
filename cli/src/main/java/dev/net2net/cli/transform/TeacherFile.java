package dev.net2net.cli.transform;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The model a transform command reads: any DL4J model zip. */
final class TeacherFile {

  @Parameters(
      index = "0",
      paramLabel = "IN.zip",
      description = "The teacher: a DL4J ModelSerializer zip.")
  Path in;
}
