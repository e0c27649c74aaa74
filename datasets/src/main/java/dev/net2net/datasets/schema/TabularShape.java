package dev.net2net.datasets.schema;

/** Rows of a table with a header: the label column's header and which columns are features. */
public record TabularShape(String label, Features features) implements Shape {
  public TabularShape {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("the label column's name is empty");
    }
    if (features instanceof Features.Named named && named.columns().contains(label)) {
      throw new IllegalArgumentException(
          "the label column '" + label + "' is also listed as a feature");
    }
  }
}
