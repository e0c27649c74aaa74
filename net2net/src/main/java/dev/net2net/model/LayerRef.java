package dev.net2net.model;

import dev.net2net.TransformException;

/** A layer named by the user: by name, or by its index in a {@code MultiLayerNetwork}'s chain. */
public sealed interface LayerRef {

  record Named(String name) implements LayerRef {
    public Named {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a layer name must not be blank");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Indexed(int index) implements LayerRef {
    public Indexed {
      if (index < 0) {
        throw new IllegalArgumentException("a layer index must not be negative: " + index);
      }
    }

    @Override
    public String toString() {
      return "#" + index;
    }
  }

  static LayerRef named(String name) {
    return new Named(name);
  }

  static LayerRef indexed(int index) {
    return new Indexed(index);
  }

  /**
   * A command-line reference: digits are an index, anything else a name. A name wins if both exist.
   */
  static LayerRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new TransformException("a layer is required (a name or an index)");
    }
    return text.chars().allMatch(Character::isDigit) && text.length() < 10
        ? new Indexed(Integer.parseInt(text))
        : new Named(text);
  }

  /** The layer's name in this model. */
  default String resolve(ModelHandle model) {
    Topology topology = model.topology();
    if (this instanceof Named n) {
      if (!topology.contains(n.name())) {
        throw new TransformException(
            "no layer or vertex named '"
                + n.name()
                + "'; the network has "
                + topology.layerNames());
      }
      return n.name();
    }
    int index = ((Indexed) this).index();
    if (topology.contains(String.valueOf(index))) {
      return String.valueOf(index);
    }
    if (!(model instanceof ChainModel)) {
      throw new TransformException(
          "a graph's layers are named, not numbered: no vertex named '"
              + index
              + "'; the graph has "
              + topology.layerNames());
    }
    var layers = topology.layers();
    if (index >= layers.size()) {
      throw new TransformException(
          "layer index "
              + index
              + " is out of range: the network has "
              + layers.size()
              + " layers (0.."
              + (layers.size() - 1)
              + ")");
    }
    return layers.get(index).id();
  }
}
