package dev.net2net.policies.model;

import java.util.Objects;

/** One layer of the model, by the name it was given, by its index, or as "the last hidden layer". */
public sealed interface LayerRef {

  String describe();

  record ByName(String name) implements LayerRef {
    public ByName {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("layer name must not be blank");
      }
    }

    @Override
    public String describe() {
      return "layer '" + name + "'";
    }
  }

  record ByIndex(int index) implements LayerRef {
    public ByIndex {
      if (index < 0) {
        throw new IllegalArgumentException("layer index must be >= 0, got " + index);
      }
    }

    @Override
    public String describe() {
      return "layer " + index;
    }
  }

  /** The hidden layer nearest the output, whatever the model's depth is by now. */
  record LastHidden() implements LayerRef {
    @Override
    public String describe() {
      return "the last hidden layer";
    }
  }
}
