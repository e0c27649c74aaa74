package dev.net2net.model;

import dev.net2net.TransformException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A network's data flow as nodes in topological order, with who reads whom. */
public final class Topology {
  private final List<Node> order;
  private final Map<String, Node> byId;
  private final Map<String, List<String>> consumers;
  private final List<String> outputs;

  Topology(List<Node> order, List<String> outputs) {
    this.order = List.copyOf(order);
    Map<String, Node> ids = new LinkedHashMap<>();
    Map<String, List<String>> readers = new LinkedHashMap<>();
    for (Node node : order) {
      if (ids.put(node.id(), node) != null) {
        throw new IllegalArgumentException("duplicate node id " + node.id());
      }
      readers.put(node.id(), new ArrayList<>());
    }
    for (Node node : order) {
      for (String input : node.inputs()) {
        List<String> r = readers.get(input);
        if (r == null) {
          throw new IllegalArgumentException(node.id() + " reads unknown node " + input);
        }
        r.add(node.id());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    readers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.consumers = Collections.unmodifiableMap(frozen);
    this.outputs = List.copyOf(outputs);
  }

  public List<Node> order() {
    return order;
  }

  public Node node(String id) {
    Node node = byId.get(id);
    if (node == null) {
      throw new TransformException(
          "no layer or vertex named '" + id + "'; the network has: " + layerNames());
    }
    return node;
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The nodes reading this node's output, in topological order. */
  public List<String> consumers(String id) {
    return consumers.get(id);
  }

  /** The network's outputs (ids of the nodes whose activations the network returns). */
  public List<String> outputs() {
    return outputs;
  }

  public boolean isOutput(String id) {
    return outputs.contains(id);
  }

  public List<Node.LayerNode> layers() {
    return order.stream()
        .filter(Node.LayerNode.class::isInstance)
        .map(Node.LayerNode.class::cast)
        .collect(Collectors.toList());
  }

  public Node.LayerNode layer(String name) {
    Node node = node(name);
    if (node instanceof Node.LayerNode layer) {
      return layer;
    }
    throw new TransformException("'" + name + "' is a " + describe(node) + ", not a layer");
  }

  /** Names of the layers and vertices (not inputs or preprocessors), for error messages. */
  public String layerNames() {
    return order.stream()
        .filter(n -> n instanceof Node.LayerNode || n instanceof Node.Vertex)
        .map(Node::id)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  public Set<String> ids() {
    return byId.keySet();
  }

  /** A short description of a node for messages: {@code DenseLayer}, {@code MergeVertex}, ... */
  public static String describe(Node node) {
    if (node instanceof Node.LayerNode l) {
      return l.layer().getClass().getSimpleName();
    }
    if (node instanceof Node.Vertex v) {
      return v.vertex().getClass().getSimpleName();
    }
    if (node instanceof Node.Preprocessor p) {
      return p.preprocessor().getClass().getSimpleName();
    }
    return "network input";
  }
}
