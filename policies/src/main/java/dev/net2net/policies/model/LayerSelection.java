package dev.net2net.policies.model;

import java.util.List;
import java.util.stream.Collectors;

/** The layers a widen applies to. */
public sealed interface LayerSelection {

  String describe();

  /** Every hidden layer: the usual choice, and one that still means something after a deepen. */
  record AllHidden() implements LayerSelection {
    @Override
    public String describe() {
      return "all hidden layers";
    }
  }

  record Listed(List<PolicyLayer> layers) implements LayerSelection {
    public Listed {
      layers = List.copyOf(layers);
      if (layers.isEmpty()) {
        throw new IllegalArgumentException("a layer list must name at least one layer");
      }
    }

    @Override
    public String describe() {
      return layers.stream().map(PolicyLayer::describe).collect(Collectors.joining(", "));
    }
  }
}
