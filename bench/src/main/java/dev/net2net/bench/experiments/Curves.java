package dev.net2net.bench.experiments;

import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.bench.train.Curve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw curves as CSV, their mean and spread over seeds, and the standard figures and table of a
 * comparison.
 */
final class Curves {
  private Curves() {}

  static final String HEADER =
      "group,arm,seed,epoch,examples,wall_seconds,cpu_seconds,accuracy,loss";

  static void writeCsv(Path file, List<Curve> curves) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Curve c : curves) {
      for (Curve.Point p : c.points()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,%.4f,%d,%.3f,%.3f,%.5f,%.5f%n",
                quote(c.group()),
                quote(c.arm()),
                c.seed(),
                p.epoch(),
                p.examples(),
                p.wallSeconds(),
                p.cpuSeconds(),
                p.accuracy(),
                p.loss()));
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code file} holds training curves (its first line is {@link #HEADER}); other
   * experiments' CSVs (the stream benchmark's served-accuracy curves) share the name suffix.
   */
  static boolean isCurvesFile(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.findFirst().map(HEADER::equals).orElse(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Curve> readCsv(Path file) {
    Map<String, List<Curve.Point>> points = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        throw new IllegalArgumentException(
            file + " is not a curves file (expected the header " + HEADER + ")");
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = split(line);
        points
            .computeIfAbsent(f[0] + "\u0000" + f[1] + "\u0000" + f[2], k -> new ArrayList<>())
            .add(
                new Curve.Point(
                    Double.parseDouble(f[3]),
                    Long.parseLong(f[4]),
                    Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]),
                    Double.parseDouble(f[8])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Curve> curves = new ArrayList<>();
    points.forEach(
        (k, v) -> {
          String[] f = k.split("\u0000");
          curves.add(new Curve(f[0], f[1], Long.parseLong(f[2]), v));
        });
    return curves;
  }

  /** A CSV field: quoted if it holds a comma or a quote. */
  static String quote(String field) {
    return field.contains(",") || field.contains("\"")
        ? "\"" + field.replace("\"", "\"\"") + "\""
        : field;
  }

  /** Splits a CSV line whose fields may be quoted. */
  static String[] split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields.toArray(new String[0]);
  }

  /** Mean and sample standard deviation. */
  record Stat(double mean, double std, int n) {
    static Stat of(double[] values) {
      int n = values.length;
      if (n == 0) {
        return new Stat(Double.NaN, Double.NaN, 0);
      }
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= n;
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }

    String pm(int decimals) {
      return Markdown.pm(mean, std, decimals);
    }
  }

  /** The arms of a group, in the order they first appear. */
  static List<String> arms(List<Curve> curves, String group) {
    return curves.stream().filter(c -> c.group().equals(group)).map(Curve::arm).distinct().toList();
  }

  static List<Curve> of(List<Curve> curves, String group, String arm) {
    return curves.stream().filter(c -> c.group().equals(group) && c.arm().equals(arm)).toList();
  }

  /**
   * Accuracy against epochs and against wall-clock seconds (mean over seeds, error bars one
   * standard deviation).
   */
  static List<Path> figures(Report report, List<Curve> curves, String group, String title) {
    List<Charts.Line> byEpoch = new ArrayList<>();
    List<Charts.Line> byTime = new ArrayList<>();
    double lowest = 1;
    for (String arm : arms(curves, group)) {
      List<Curve> runs = of(curves, group, arm);
      int n = runs.stream().mapToInt(c -> c.points().size()).min().orElse(0);
      double[] epoch = new double[n];
      double[] time = new double[n];
      double[] acc = new double[n];
      double[] sd = new double[n];
      for (int i = 0; i < n; i++) {
        final int k = i;
        epoch[i] = runs.get(0).points().get(i).epoch();
        time[i] =
            runs.stream().mapToDouble(c -> c.points().get(k).wallSeconds()).average().orElse(0);
        Stat s = Stat.of(runs.stream().mapToDouble(c -> c.points().get(k).accuracy()).toArray());
        acc[i] = s.mean();
        sd[i] = s.std();
        if (i > 0) {
          lowest = Math.min(lowest, s.mean());
        }
      }
      String name = arm + " (" + runs.size() + " seeds)";
      byEpoch.add(new Charts.Line(name, epoch, acc, sd));
      byTime.add(new Charts.Line(name, time, acc, sd));
    }
    double yMin = Math.max(0, Math.floor((lowest - 0.05) * 20) / 20);
    Path a = report.file(group + "-epochs.png");
    Path b = report.file(group + "-time.png");
    Charts.lines(
        a,
        title + ": validation accuracy by epoch",
        "epochs of training of the network shown",
        "validation accuracy",
        byEpoch,
        yMin,
        null);
    Charts.lines(
        b,
        title + ": validation accuracy by wall-clock time",
        "seconds (transform + training, no evaluation)",
        "validation accuracy",
        byTime,
        yMin,
        null);
    report.figure(a, title + " by epoch").figure(b, title + " by time");
    return List.of(a, b);
  }

  /**
   * Per arm: start, after one epoch, final accuracy (mean ± sd over seeds), transform and training
   * seconds, preservation.
   */
  static Markdown table(
      List<Curve> curves,
      String group,
      Map<String, List<Arms.Made>> made,
      Map<String, Long> params) {
    Markdown t =
        Markdown.table(
            "start",
            ">parameters",
            ">seeds",
            ">accuracy at start",
            ">after 1 epoch",
            ">final accuracy",
            ">transform s",
            ">training s (wall)",
            ">training s (CPU)",
            ">max abs output change");
    for (String arm : arms(curves, group)) {
      List<Curve> runs = of(curves, group, arm);
      Stat start = Stat.of(runs.stream().mapToDouble(c -> c.points().get(0).accuracy()).toArray());
      Stat one = Stat.of(runs.stream().mapToDouble(c -> atEpoch(c, 1)).toArray());
      Stat last = Stat.of(runs.stream().mapToDouble(c -> c.last().accuracy()).toArray());
      Stat wall =
          Stat.of(
              runs.stream()
                  .mapToDouble(c -> c.last().wallSeconds() - c.points().get(0).wallSeconds())
                  .toArray());
      Stat cpu =
          Stat.of(
              runs.stream()
                  .mapToDouble(c -> c.last().cpuSeconds() - c.points().get(0).cpuSeconds())
                  .toArray());
      List<Arms.Made> m =
          made == null ? List.of() : made.getOrDefault(group + "/" + arm, List.of());
      Stat transform = Stat.of(m.stream().mapToDouble(Arms.Made::wallSeconds).toArray());
      double preservation =
          m.stream()
              .mapToDouble(Arms.Made::preservation)
              .filter(d -> !Double.isNaN(d))
              .max()
              .orElse(Double.NaN);
      t.row(
          arm,
          params == null ? "" : Markdown.f("%,d", params.getOrDefault(group + "/" + arm, 0L)),
          runs.size(),
          start.pm(4),
          one.pm(4),
          last.pm(4),
          transform.n() == 0 ? "" : transform.pm(2),
          wall.pm(1),
          cpu.pm(1),
          Double.isNaN(preservation) ? "" : Markdown.f("%.2e", preservation));
    }
    return t;
  }

  static double atEpoch(Curve c, double epoch) {
    for (Curve.Point p : c.points()) {
      if (p.epoch() >= epoch - 1e-9) {
        return p.accuracy();
      }
    }
    return c.last().accuracy();
  }
}
