package dev.net2net.registry.decision;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of growth the registry records and the metrics count: the seed a model starts from and
 * each kind of policy action. Stored by {@link #label()} (the policy language's spelling);
 * migration V8's CHECK constraint admits exactly these labels. Metrics use {@link #metricLabel()}.
 */
public enum GrowthKind {
  SEED("seed"),
  WIDEN("widen"),
  DEEPEN("deepen"),
  /** Two candidates in one job: what policies asked for before tournaments (older decisions). */
  TRY_BOTH("tryBoth"),
  /** Several candidates, one job each, decided together; migration V9 admits it. */
  TOURNAMENT("tournament"),
  WIDEN_TOWERS("widenTowers"),
  DEEPEN_TOWERS("deepenTowers");

  private final String label;

  GrowthKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The spelling of Prometheus labels: lower case with underscores ({@code try_both}). */
  public String metricLabel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind stored as {@code label}; an unknown label is a schema mismatch, never a default. */
  public static GrowthKind fromLabel(String label) {
    for (GrowthKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalStateException(
        "unknown growth kind '"
            + label
            + "'; known: "
            + Arrays.stream(values()).map(GrowthKind::label).collect(Collectors.joining(", ")));
  }
}
