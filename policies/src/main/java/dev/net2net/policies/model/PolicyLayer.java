package dev.net2net.policies.model;

import java.util.Objects;

/**
 * A layer as a policy names it: by the name it was given, by its index, or as "the last hidden
 * layer". It stays a description until a rule fires, when the daemon resolves it against the
 * champion of that moment, so {@code last-hidden} still means the last one after a deepen.
 */
public sealed interface PolicyLayer {

  String describe();

  record ByName(String name) implements PolicyLayer {
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

  record ByIndex(int index) implements PolicyLayer {
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
  record LastHidden() implements PolicyLayer {
    @Override
    public String describe() {
      return "the last hidden layer";
    }
  }
}
