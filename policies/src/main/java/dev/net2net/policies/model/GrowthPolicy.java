package dev.net2net.policies.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code kind: GrowthPolicy} document: how one model may grow. Rules are tried in order; the
 * first that fires and passes the guards decides.
 */
public record GrowthPolicy(
    String name,
    Optional<String> description,
    String model,
    List<Rule> rules,
    Guards guards,
    SourceLocation location) {

  public static final String API_VERSION = "net2net.dev/v1";
  public static final String KIND = "GrowthPolicy";

  public GrowthPolicy {
    Names.requireIdentifier("policy name", name);
    Objects.requireNonNull(description, "description");
    Names.requireIdentifier("model name", model);
    rules = List.copyOf(rules);
    Objects.requireNonNull(guards, "guards");
    Objects.requireNonNull(location, "location");
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a policy needs at least one rule");
    }
    Set<String> seen = new HashSet<>();
    for (Rule rule : rules) {
      if (!seen.add(rule.name())) {
        throw new IllegalArgumentException("two rules are named '" + rule.name() + "'");
      }
    }
  }

  public Optional<Rule> rule(String ruleName) {
    return rules.stream().filter(rule -> rule.name().equals(ruleName)).findFirst();
  }
}
