package dev.net2net.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transform did: its kind and target, the settings it used, every layer it changed with the
 * shapes before and after, the parameter counts, and, when probe inputs were given, the measured
 * output difference between teacher and student. {@code settings} are for people to read (formatted
 * once, never parsed back); what programs read travels as values ({@link Widening}).
 */
public record TransformReport(
    String kind,
    String target,
    Map<String, String> settings,
    List<LayerChange> changes,
    long parametersBefore,
    long parametersAfter,
    Optional<OutputDifference> preservation,
    Optional<Widening> widening) {

  public TransformReport {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(target);
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    changes = List.copyOf(changes);
    Objects.requireNonNull(preservation);
    Objects.requireNonNull(widening);
  }

  /** The report of a transform that is not a single widening. */
  public TransformReport(
      String kind,
      String target,
      Map<String, String> settings,
      List<LayerChange> changes,
      long parametersBefore,
      long parametersAfter,
      Optional<OutputDifference> preservation) {
    this(
        kind,
        target,
        settings,
        changes,
        parametersBefore,
        parametersAfter,
        preservation,
        Optional.empty());
  }

  public TransformReport withPreservation(OutputDifference difference) {
    return new TransformReport(
        kind,
        target,
        settings,
        changes,
        parametersBefore,
        parametersAfter,
        Optional.of(difference),
        widening);
  }

  /** This report, saying that it was (or stands for) the given widening. */
  public TransformReport withWidening(Optional<Widening> widening) {
    return new TransformReport(
        kind, target, settings, changes, parametersBefore, parametersAfter, preservation, widening);
  }

  /** Several reports as one, for whole-model operations made of many steps. */
  public static TransformReport combine(
      String kind, String target, Map<String, String> settings, List<TransformReport> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no steps to combine");
    }
    List<LayerChange> all = new ArrayList<>();
    steps.forEach(s -> all.addAll(s.changes()));
    return new TransformReport(
        kind,
        target,
        settings,
        all,
        steps.get(0).parametersBefore(),
        steps.get(steps.size() - 1).parametersAfter(),
        Optional.empty());
  }

  /** A human-readable account, one line per fact. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(kind).append(" ").append(target);
    settings.forEach((k, v) -> out.append(" ").append(k).append("=").append(v));
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "parameters: %,d -> %,d (%+,d)%n",
            parametersBefore,
            parametersAfter,
            parametersAfter - parametersBefore));
    for (LayerChange change : changes) {
      out.append(
          String.format(
              Locale.ROOT, "  %-24s %-22s %-9s", change.layer(), change.type(), change.role()));
      List<String> params = new ArrayList<>();
      for (String key : union(change.before(), change.after())) {
        Shape before = change.before().get(key);
        Shape after = change.after().get(key);
        params.add(
            key
                + " "
                + (before == null ? "new" : before)
                + (Objects.equals(before, after) ? "" : " -> " + after));
      }
      out.append(String.join(", ", params)).append('\n');
    }
    preservation.ifPresent(
        p ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "max |teacher - student| over %d examples: %.3e%n",
                    p.examples(),
                    p.maxAbsDifference())));
    return out.toString();
  }

  private static List<String> union(Map<String, Shape> a, Map<String, Shape> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    return keys;
  }
}
