package dev.net2net.datasets.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a table are a model's inputs: every column but the label, or the named ones in
 * order.
 */
public sealed interface Features {
  record All() implements Features {}

  record Named(List<String> columns) implements Features {
    public Named {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException(
            "a list of feature columns must name at least one column");
      }
      Set<String> seen = new HashSet<>();
      for (String c : columns) {
        if (!seen.add(c)) {
          throw new IllegalArgumentException("feature column '" + c + "' is named twice");
        }
      }
    }
  }

  static Features all() {
    return new All();
  }

  static Features named(List<String> columns) {
    return new Named(columns);
  }
}
