package dev.net2net.policies.simulate;

import dev.net2net.policies.evaluate.ConditionReport;
import dev.net2net.policies.evaluate.Decision;
import dev.net2net.policies.evaluate.GuardKind;
import dev.net2net.policies.evaluate.GuardReport;
import dev.net2net.policies.evaluate.RuleReport;
import dev.net2net.policies.evaluate.RuleVerdict;
import dev.net2net.policies.model.ActionKind;
import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** What a replay found: every step's decision, and counts by rule, verdict and guard. */
public record SimulationReport(
    GrowthPolicy policy,
    String source,
    Assumptions assumptions,
    List<Simulator.Step> steps,
    int skippedRows,
    List<String> notes) {

  public SimulationReport {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(assumptions, "assumptions");
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  /** How many steps gave each verdict to the rule. */
  public Map<RuleVerdict, Integer> verdicts(String rule) {
    Map<RuleVerdict, Integer> counts = new EnumMap<>(RuleVerdict.class);
    for (RuleVerdict verdict : RuleVerdict.values()) {
      counts.put(verdict, 0);
    }
    for (Simulator.Step step : steps) {
      step.decision().rule(rule).ifPresent(r -> counts.merge(r.verdict(), 1, Integer::sum));
    }
    return counts;
  }

  /** How many steps each guard held back a rule that was ready to fire. */
  public Map<GuardKind, Integer> blocksByGuard() {
    Map<GuardKind, Integer> counts = new EnumMap<>(GuardKind.class);
    for (GuardKind guard : GuardKind.values()) {
      counts.put(guard, 0);
    }
    for (Simulator.Step step : steps) {
      step.decision().rules().stream()
          .flatMap(r -> r.blockedBy().stream())
          .distinct()
          .forEach(guard -> counts.merge(guard, 1, Integer::sum));
    }
    return counts;
  }

  public List<Simulator.Step> growths() {
    return steps.stream().filter(s -> s.decision().grows()).toList();
  }

  /**
   * The replay as text: each growth with the reasons its rule fired, each start of a run of steps
   * in which a ready rule was blocked (with the guard's reason), then a summary. {@code verbose}
   * adds every step's full decision.
   */
  public String render(boolean verbose) {
    StringBuilder out = new StringBuilder();
    out.append("Replaying ")
        .append(source)
        .append(" through policy '")
        .append(policy.name())
        .append("' (model ")
        .append(policy.model())
        .append("): ")
        .append(steps.size())
        .append(" rows");
    if (!steps.isEmpty()) {
      out.append(" from ")
          .append(steps.get(0).row().timestamp())
          .append(" to ")
          .append(steps.get(steps.size() - 1).row().timestamp());
    }
    out.append(skippedRows > 0 ? " (" + skippedRows + " rows of other models skipped)" : "")
        .append(".\n");
    out.append("Assuming each growth takes ")
        .append(Durations.format(assumptions.attemptDuration()))
        .append(" and is ")
        .append(assumptions.outcome().name().toLowerCase(Locale.ROOT))
        .append(".\n");
    notes.forEach(note -> out.append("Note: ").append(note).append('\n'));
    out.append('\n');

    Map<String, List<GuardKind>> blockedBefore = new HashMap<>();
    for (Simulator.Step step : steps) {
      Decision decision = step.decision();
      String when = decision.at() + " (line " + step.row().line() + ") ";
      if (verbose) {
        out.append("line ").append(step.row().line()).append(": ").append(decision.explain());
      }
      for (RuleReport rule : decision.rules()) {
        List<GuardKind> previous = blockedBefore.getOrDefault(rule.rule(), List.of());
        if (rule.verdict() == RuleVerdict.FIRED && !verbose) {
          out.append(when)
              .append(rule.rule())
              .append(" FIRED: ")
              .append(decision.growth().orElseThrow().action().describe())
              .append('\n');
          appendReasons(out, rule.condition(), "    ");
        } else if (rule.verdict() == RuleVerdict.BLOCKED
            && !rule.blockedBy().equals(previous)
            && !verbose) {
          out.append(when)
              .append(rule.rule())
              .append(" would fire but is BLOCKED: ")
              .append(
                  rule.blockedBy().stream()
                      .map(
                          guard ->
                              guard.label()
                                  + " ("
                                  + decision.guard(guard).map(GuardReport::explanation).orElse("")
                                  + ")")
                      .collect(Collectors.joining("; ")))
              .append('\n');
        }
        blockedBefore.put(rule.rule(), rule.blockedBy());
      }
    }
    if (!verbose && growths().isEmpty()) {
      out.append("No rule fired.\n");
    }
    appendSummary(out);
    return out.toString();
  }

  private static void appendReasons(StringBuilder out, ConditionReport report, String indent) {
    out.append(indent)
        .append(report.condition())
        .append(": ")
        .append(report.explanation())
        .append('\n');
    for (ConditionReport part : report.parts()) {
      if (part.holds()) {
        appendReasons(out, part, indent + "  ");
      }
    }
  }

  private void appendSummary(StringBuilder out) {
    out.append("\nSummary\n");
    int width =
        Math.max(4, policy.rules().stream().mapToInt(r -> r.name().length()).max().orElse(4));
    String format = "  %-" + width + "s %7s %9s %11s %9s %9s%n";
    out.append(
        String.format(
            Locale.ROOT, format, "rule", "fired", "blocked", "preempted", "waiting", "not met"));
    for (Rule rule : policy.rules()) {
      Map<RuleVerdict, Integer> counts = verdicts(rule.name());
      out.append(
          String.format(
              Locale.ROOT,
              format,
              rule.name(),
              counts.get(RuleVerdict.FIRED),
              counts.get(RuleVerdict.BLOCKED),
              counts.get(RuleVerdict.PREEMPTED),
              counts.get(RuleVerdict.WAITING),
              counts.get(RuleVerdict.NOT_MET)));
    }
    Map<GuardKind, Integer> blocks = blocksByGuard();
    List<String> blocking = new ArrayList<>();
    blocks.forEach(
        (guard, count) -> {
          if (count > 0) {
            blocking.add(guard.label() + " " + count);
          }
        });
    out.append("  guards that held back a ready rule (rows): ")
        .append(blocking.isEmpty() ? "none" : String.join(", ", blocking))
        .append('\n');
    Map<ActionKind, Long> byKind =
        growths().stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.decision().growth().orElseThrow().action().kind(),
                    () -> new EnumMap<>(ActionKind.class),
                    Collectors.counting()));
    out.append("  ")
        .append(growths().size())
        .append(" growth")
        .append(growths().size() == 1 ? "" : "s");
    if (!byKind.isEmpty()) {
      out.append(": ")
          .append(
              byKind.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey().yamlName())
                  .collect(Collectors.joining(", ")));
    }
    out.append('\n');
  }
}
