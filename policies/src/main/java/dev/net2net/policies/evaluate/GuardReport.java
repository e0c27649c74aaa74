package dev.net2net.policies.evaluate;

import java.util.Objects;

/**
 * One guard's state at a decision. {@code waivedByManualRequest} is true for the
 * consecutive-failures guard, which an operator's request overrides (otherwise a model that failed
 * too often could never be retried).
 */
public record GuardReport(
    GuardKind guard, boolean blocks, boolean waivedByManualRequest, String explanation) {

  public GuardReport {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(explanation, "explanation");
    if (waivedByManualRequest && guard != GuardKind.CONSECUTIVE_FAILURES) {
      throw new IllegalArgumentException(
          "only the consecutive-failures guard yields to a manual request");
    }
  }

  /**
   * Whether this guard holds back a rule, given whether the rule fires through a manual request.
   */
  public boolean blocks(boolean firedByManualRequest) {
    return blocks && !(waivedByManualRequest && firedByManualRequest);
  }
}
