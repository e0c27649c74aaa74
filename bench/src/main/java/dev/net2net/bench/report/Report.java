package dev.net2net.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One experiment's markdown page in the results folder: what was measured, the machine, the exact
 * command, the seeds and data, then the tables and figures, and the total run time.
 */
public final class Report {
  private final Path dir;
  private final String name;
  private final StringBuilder body = new StringBuilder();
  private Instant started = Instant.now();

  public Report(
      Path dir,
      String name,
      String title,
      String summary,
      Map<String, String> machine,
      String command) {
    this.dir = dir;
    this.name = name;
    body.append("# ").append(title).append("\n\n").append(summary).append("\n\n");
    body.append("## Command\n\n```\n").append(command).append("\n```\n\n");
    body.append("## Machine\n\n").append(Machine.table(machine)).append('\n');
  }

  /**
   * When the experiment started, for the run time written at the end (default: when this report was
   * made).
   */
  public Report startedAt(Instant start) {
    this.started = start;
    return this;
  }

  public Path dir() {
    return dir;
  }

  /** A file name in the results folder, prefixed with the experiment's name. */
  public Path file(String suffix) {
    return dir.resolve(name + "-" + suffix);
  }

  public Report section(String heading) {
    body.append("## ").append(heading).append("\n\n");
    return this;
  }

  public Report text(String paragraph) {
    body.append(paragraph).append("\n\n");
    return this;
  }

  public Report table(Markdown table) {
    body.append(table.render()).append('\n');
    return this;
  }

  /** Embeds a figure that was written to {@link #file}. */
  public Report figure(Path png, String caption) {
    body.append("![").append(caption).append("](").append(png.getFileName()).append(")\n\n");
    return this;
  }

  /** Writes the page as it stands; may be called again as sections are added. */
  public Path write() {
    String page =
        body + "Total run time: " + Duration.between(started, Instant.now()).toSeconds() + " s.\n";
    Path md = dir.resolve(name + ".md");
    try {
      Files.createDirectories(dir);
      Files.writeString(md, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return md;
  }
}
