package dev.net2net.policies.model;

/** The kinds of growth, as the registry and metrics label them. */
public enum ActionKind {
  WIDEN("widen"),
  DEEPEN("deepen"),
  TOURNAMENT("tournament"),
  WIDEN_TOWERS("widenTowers"),
  DEEPEN_TOWERS("deepenTowers");

  private final String yamlName;

  ActionKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
