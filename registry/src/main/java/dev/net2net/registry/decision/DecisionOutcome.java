package dev.net2net.registry.decision;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a policy decision stands: a growth enqueued and then promoted, rejected or failed; a rule
 * held back; a manual request waiting or consumed. Stored by {@link #label()}; migration V8's CHECK
 * constraint admits exactly these labels.
 */
public enum DecisionOutcome {
  /** A growth job was enqueued; it has not ended yet. */
  ENQUEUED("enqueued"),
  /** No rule fired (or a guard blocked it); the signals say why. */
  HELD("held"),
  /** A manual growth request, waiting for the policy engine. */
  REQUESTED("requested"),
  /** A manual request the policy engine acted on. */
  CONSUMED("consumed"),
  /** The growth's candidate passed the gate and became champion. */
  PROMOTED("promoted"),
  /** The growth's candidate trained but did not beat the champion by enough. */
  REJECTED("rejected"),
  /** The growth broke, or its job ran out of attempts. */
  FAILED("failed");

  private final String label;

  DecisionOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether this outcome belongs to a growth (enqueued, then how it ended). */
  public boolean isGrowth() {
    return this == ENQUEUED || isEndOfGrowth();
  }

  /** Whether this outcome ends a growth. */
  public boolean isEndOfGrowth() {
    return this == PROMOTED || this == REJECTED || this == FAILED;
  }

  /**
   * The outcome stored as {@code label}; an unknown label is a schema mismatch, never a default.
   */
  public static DecisionOutcome fromLabel(String label) {
    for (DecisionOutcome outcome : values()) {
      if (outcome.label.equals(label)) {
        return outcome;
      }
    }
    throw new IllegalStateException(
        "unknown decision outcome '"
            + label
            + "'; known: "
            + Arrays.stream(values())
                .map(DecisionOutcome::label)
                .collect(Collectors.joining(", ")));
  }
}
