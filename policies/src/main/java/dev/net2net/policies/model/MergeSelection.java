package dev.net2net.policies.model;

import java.util.List;

/** The merge (concatenation) vertices of a graph whose towers a graph-wide operation touches. */
public sealed interface MergeSelection {

  String describe();

  record AllMerges() implements MergeSelection {
    @Override
    public String describe() {
      return "every tower";
    }
  }

  record Named(List<String> vertices) implements MergeSelection {
    public Named {
      vertices = List.copyOf(vertices);
      if (vertices.isEmpty()) {
        throw new IllegalArgumentException("a merge list must name at least one vertex");
      }
    }

    @Override
    public String describe() {
      return "the towers of " + String.join(", ", vertices);
    }
  }
}
