package dev.net2net.policies.evaluate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's request to grow now. It names a rule to fire only that rule's {@code manual}
 * condition, or none to let any rule with a {@code manual} condition fire. The caller clears it
 * once a decision reports {@link Decision#consumesManualRequest()}.
 */
public record ManualRequest(Instant requestedAt, Optional<String> rule) {

  public ManualRequest {
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(rule, "rule");
  }

  public static ManualRequest anyRule(Instant requestedAt) {
    return new ManualRequest(requestedAt, Optional.empty());
  }

  public boolean appliesTo(String ruleName) {
    return rule.map(ruleName::equals).orElse(true);
  }
}
