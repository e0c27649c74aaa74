package dev.net2net.policies.evaluate;

/** What became of a rule at one decision. */
public enum RuleVerdict {
  /** Its condition held long enough, the guards let it through, and it decided the growth. */
  FIRED,
  /** Its condition held long enough but a guard held it back. */
  BLOCKED,
  /** Its condition held long enough and passed the guards, but an earlier rule fired first. */
  PREEMPTED,
  /** Its condition holds but not yet for its {@code for:} duration. */
  WAITING,
  /** Its condition does not hold. */
  NOT_MET
}
