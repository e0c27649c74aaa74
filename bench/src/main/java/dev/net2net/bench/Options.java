package dev.net2net.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the experiments: {@code --name value} pairs and the {@code --quick} flag.
 * Every option an experiment reads must be known; an unknown one is an error naming the known ones.
 */
public final class Options {
  private final Map<String, String> values;
  private final boolean quick;
  private final Set<String> read = new HashSet<>();

  private Options(Map<String, String> values, boolean quick) {
    this.values = values;
    this.quick = quick;
  }

  public static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quick")) {
        quick = true;
      } else if (a.startsWith("--") && i + 1 < args.length) {
        values.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("expected --name value or --quick, got '" + a + "'");
      }
    }
    return new Options(values, quick);
  }

  public boolean quick() {
    return quick;
  }

  public Path out() {
    return Path.of(string("out", "docs/results"));
  }

  public String string(String name, String fallback) {
    read.add(name);
    return values.getOrDefault(name, fallback);
  }

  /** An integer option; {@code full} normally, {@code quick} with --quick. */
  public int integer(String name, int full, int quickValue) {
    read.add(name);
    String v = values.get(name);
    return v == null ? (quick ? quickValue : full) : Integer.parseInt(v.replace("_", ""));
  }

  public double number(String name, double full, double quickValue) {
    read.add(name);
    String v = values.get(name);
    return v == null ? (quick ? quickValue : full) : Double.parseDouble(v);
  }

  public long[] longs(String name, long[] full, long[] quickValue) {
    read.add(name);
    String v = values.get(name);
    return v == null
        ? (quick ? quickValue : full)
        : Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
  }

  public int[] ints(String name, int[] full, int[] quickValue) {
    read.add(name);
    String v = values.get(name);
    return v == null
        ? (quick ? quickValue : full)
        : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** Fails on options nobody read (typos). */
  public void checkAllRead() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + unknown + "; known: " + read);
    }
  }
}
