package dev.net2net.policies.model;

/** Which data a metric was measured on. */
public enum Split {
  TRAIN("train"),
  VALIDATION("validation");

  private final String yamlName;

  Split(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The spelling used in policy files and reports. */
  public String yamlName() {
    return yamlName;
  }
}
