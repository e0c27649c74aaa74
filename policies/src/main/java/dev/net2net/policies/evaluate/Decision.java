package dev.net2net.policies.evaluate;

import dev.net2net.policies.model.Durations;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The evaluator's answer for one model at one moment: grow (and how) or not, with the reasons for
 * every rule and every guard, and the {@code for:} state to store for the next call.
 *
 * @param at the {@code now} of the signals
 * @param policy the policy's name
 * @param model the model's name
 * @param growth the growth to start, if any
 * @param rules every rule's report, in the policy's order
 * @param guards every guard's report
 * @param nextPending the state to pass back in the next {@link History}
 * @param consumesManualRequest whether the growth answers the pending manual request, which the
 *     caller should then clear
 */
public record Decision(
    Instant at,
    String policy,
    String model,
    Optional<Growth> growth,
    List<RuleReport> rules,
    List<GuardReport> guards,
    PendingConditions nextPending,
    boolean consumesManualRequest) {

  public Decision {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(growth, "growth");
    rules = List.copyOf(rules);
    guards = List.copyOf(guards);
    Objects.requireNonNull(nextPending, "nextPending");
    if (consumesManualRequest && growth.isEmpty()) {
      throw new IllegalArgumentException("only a growth consumes a manual request");
    }
    long fired = rules.stream().filter(r -> r.verdict() == RuleVerdict.FIRED).count();
    if (fired != (growth.isPresent() ? 1 : 0)) {
      throw new IllegalArgumentException(
          "a decision to grow has exactly one FIRED rule, otherwise none");
    }
  }

  public boolean grows() {
    return growth.isPresent();
  }

  public Optional<RuleReport> rule(String name) {
    return rules.stream().filter(r -> r.rule().equals(name)).findFirst();
  }

  public Optional<GuardReport> guard(GuardKind kind) {
    return guards.stream().filter(g -> g.guard() == kind).findFirst();
  }

  /**
   * A few indented lines for logs and the command line: the outcome, then each rule, then the
   * guards.
   */
  public String explain() {
    StringBuilder text = new StringBuilder();
    text.append(model).append(" at ").append(at).append(": ");
    growth.ifPresentOrElse(
        g ->
            text.append("GROW by rule ")
                .append(g.rule())
                .append(": ")
                .append(g.action().describe()),
        () -> text.append("no growth"));
    text.append('\n');
    for (RuleReport rule : rules) {
      text.append("  rule ").append(rule.rule()).append(": ").append(rule.verdict());
      if (rule.verdict() == RuleVerdict.BLOCKED) {
        text.append(" by ")
            .append(String.join(", ", rule.blockedBy().stream().map(GuardKind::label).toList()));
      }
      if (!rule.requiredFor().isZero() && rule.condition().holds()) {
        text.append(" (held ")
            .append(Durations.format(rule.heldFor()))
            .append(" of ")
            .append(Durations.format(rule.requiredFor()))
            .append(')');
      }
      text.append('\n');
      appendCondition(text, rule.condition(), "    ");
    }
    for (GuardReport guard : guards) {
      text.append("  guard ")
          .append(guard.guard().label())
          .append(": ")
          .append(
              guard.blocks()
                  ? (guard.waivedByManualRequest() ? "blocks automatic rules" : "blocks")
                  : "ok")
          .append(" - ")
          .append(guard.explanation())
          .append('\n');
    }
    return text.toString();
  }

  private static void appendCondition(StringBuilder text, ConditionReport report, String indent) {
    text.append(indent)
        .append(report.holds() ? "[holds] " : "[no]    ")
        .append(report.condition())
        .append(": ")
        .append(report.explanation())
        .append('\n');
    for (ConditionReport part : report.parts()) {
      appendCondition(text, part, indent + "  ");
    }
  }
}
