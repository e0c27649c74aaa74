package dev.net2net.policies.simulate;

import dev.net2net.policies.evaluate.AttemptOutcome;
import java.time.Duration;
import java.util.Objects;

/**
 * What a replay assumes about the growths it decides, which a recorded history cannot say: how each
 * attempt ends and how long it takes.
 */
public record Assumptions(AttemptOutcome outcome, Duration attemptDuration) {

  public Assumptions {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(attemptDuration, "attemptDuration");
    if (outcome == AttemptOutcome.IN_PROGRESS) {
      throw new IllegalArgumentException(
          "an assumed outcome is how attempts end: PROMOTED, REJECTED or FAILED");
    }
    if (attemptDuration.isNegative()) {
      throw new IllegalArgumentException("attempt duration cannot be negative");
    }
  }

  /**
   * Every growth is promoted at once: the replay shows how often the rules would grow the model.
   */
  public static Assumptions promotedAtOnce() {
    return new Assumptions(AttemptOutcome.PROMOTED, Duration.ZERO);
  }
}
