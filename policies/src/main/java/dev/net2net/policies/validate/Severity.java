package dev.net2net.policies.validate;

/** An error refuses the file; a warning is advice and the file is still used. */
public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
