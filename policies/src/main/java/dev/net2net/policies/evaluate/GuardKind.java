package dev.net2net.policies.evaluate;

/** The checks that can hold a firing rule back. */
public enum GuardKind {
  /** An attempt is still running: one growth at a time per model. */
  IN_FLIGHT("inFlight"),
  COOLDOWN("cooldown"),
  DAILY_LIMIT("maxGrowthsPerDay"),
  PARAMETER_BUDGET("maxParameters"),
  CONSECUTIVE_FAILURES("maxConsecutiveFailures");

  private final String label;

  GuardKind(String label) {
    this.label = label;
  }

  /** The name used in policy files and reports. */
  public String label() {
    return label;
  }
}
