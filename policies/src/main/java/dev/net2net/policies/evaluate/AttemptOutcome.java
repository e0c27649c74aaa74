package dev.net2net.policies.evaluate;

/** How a growth attempt ended, or that it has not yet. */
public enum AttemptOutcome {
  /** Started and not finished: no other attempt starts meanwhile. */
  IN_PROGRESS,
  /** The candidate passed the gate and became champion. */
  PROMOTED,
  /** The candidate trained but did not beat the champion by enough. */
  REJECTED,
  /** The transform, the preservation check or the training broke. */
  FAILED
}
