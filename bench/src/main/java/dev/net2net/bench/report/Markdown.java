package dev.net2net.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A markdown table built row by row. */
public final class Markdown {
  private final List<String> header;
  private final String alignment;
  private final List<List<String>> rows = new ArrayList<>();

  private Markdown(List<String> header, String alignment) {
    this.header = header;
    this.alignment = alignment;
  }

  /** Columns; a name starting with '>' is right-aligned (the '>' is dropped). */
  public static Markdown table(String... columns) {
    List<String> names = new ArrayList<>();
    StringBuilder align = new StringBuilder("|");
    for (String c : columns) {
      boolean right = c.startsWith(">");
      names.add(right ? c.substring(1) : c);
      align.append(right ? "---:|" : "---|");
    }
    return new Markdown(names, align.toString());
  }

  public Markdown row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(String.valueOf(c));
    }
    rows.add(r);
    return this;
  }

  public String render() {
    StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n");
    sb.append(alignment).append('\n');
    for (List<String> r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return sb.toString();
  }

  public static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** A mean with its spread: "0.812 ± 0.004". */
  public static String pm(double mean, double spread, int decimals) {
    if (Double.isNaN(mean)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, spread);
  }
}
