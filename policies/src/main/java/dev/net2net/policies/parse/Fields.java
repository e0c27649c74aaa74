package dev.net2net.policies.parse;

import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The entries of one YAML mapping, checked on construction: keys must be strings, appear once, and
 * be among those allowed here (a misspelt key gets a suggestion). Unknown keys are errors rather
 * than ignored, because an ignored {@code cooldwn: 1h} is a guard that silently does not exist.
 */
final class Fields {

  private final NodeReader reader;
  private final MappingNode mapping;
  private final String path;
  private final List<String> allowedKeys;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private boolean hadUnknownKeys;

  /**
   * Allowed keys that an unknown key was probably meant to be: their absence is already explained.
   */
  private final Set<String> suggested = new HashSet<>();

  Fields(NodeReader reader, MappingNode mapping, String path, List<String> allowedKeys) {
    this.reader = reader;
    this.mapping = mapping;
    this.path = path;
    this.allowedKeys = List.copyOf(allowedKeys);
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)
          || !(key.getTag().equals(Tag.STR) || isPlainScalar(key))) {
        reader.error(
            keyNode, path, "expected a key that is a word, found " + NodeReader.describe(keyNode));
        hadUnknownKeys = true;
        continue;
      }
      String name = key.getValue();
      if (key.getTag().equals(Tag.STR) && name.equals("<<")) {
        reader.error(
            keyNode,
            path,
            "YAML merge keys ('<<') are not supported; repeat the entries or use an anchor"
                + " for a whole value");
        hadUnknownKeys = true;
        continue;
      }
      if (!allowedKeys.contains(name)) {
        hadUnknownKeys = true;
        Suggestions.closest(name, allowedKeys).ifPresent(suggested::add);
        reader.error(
            keyNode,
            path,
            "unknown key '"
                + name
                + "'; expected "
                + NodeReader.alternatives(allowedKeys)
                + Suggestions.didYouMean(name, allowedKeys));
        continue;
      }
      NodeTuple earlier = entries.get(name);
      if (earlier != null) {
        reader.error(
            keyNode,
            path,
            "duplicate key '"
                + name
                + "': it is already set at line "
                + reader.at(earlier.getKeyNode()).line()
                + "; YAML keeps only one, so say it once");
        continue;
      }
      entries.put(name, entry);
    }
  }

  /**
   * Keys such as {@code 1} or {@code true} compose with other tags; they are still words to a
   * reader.
   */
  private static boolean isPlainScalar(ScalarNode key) {
    return key.getTag().equals(Tag.INT)
        || key.getTag().equals(Tag.FLOAT)
        || key.getTag().equals(Tag.BOOL)
        || key.getTag().equals(Tag.NULL);
  }

  String path() {
    return path;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  SourceLocation location() {
    return reader.at(mapping);
  }

  MappingNode node() {
    return mapping;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  boolean hadUnknownKeys() {
    return hadUnknownKeys;
  }

  /** The keys present (and allowed), in file order. */
  List<String> presentKeys() {
    return new ArrayList<>(entries.keySet());
  }

  Optional<Node> get(String key) {
    if (!allowedKeys.contains(key)) {
      throw new IllegalArgumentException("'" + key + "' is not an allowed key of " + path);
    }
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  Optional<Node> keyNode(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
  }

  /** The value of a key that must be present; its absence is reported where the mapping starts. */
  Optional<Node> require(String key, String example) {
    Optional<Node> value = get(key);
    if (value.isEmpty() && !suggested.contains(key)) {
      reader.error(
          mapping,
          path,
          "missing required key '"
              + key
              + "'"
              + (example.isEmpty() ? "" : " (for example " + example + ")"));
    }
    return value;
  }

  /**
   * The value of an optional key, bound by {@code binder} at this key's path, or {@code absent}
   * when the key is not there. Empty only when the key is there and its value is wrong (and
   * reported).
   */
  <T> Optional<T> optional(String key, NodeBinder<T> binder, T absent) {
    Optional<Node> value = get(key);
    return value.isPresent() ? binder.bind(value.get(), path(key)) : Optional.of(absent);
  }

  /**
   * The value of a required key, bound by {@code binder} at this key's path. Empty when the key is
   * missing (reported as {@link #require} does) or its value is wrong.
   */
  <T> Optional<T> required(String key, String example, NodeBinder<T> binder) {
    return require(key, example).flatMap(value -> binder.bind(value, path(key)));
  }

  /**
   * The one key present among {@code keys}, for mappings that are a choice (a condition is one
   * trigger; datasetGrowth is a ratio or a row count). Absence and ambiguity are both reported.
   */
  Optional<String> exactlyOne(List<String> keys, String what, String whenSeveral) {
    List<String> present = keys.stream().filter(entries::containsKey).toList();
    if (present.size() == 1) {
      return Optional.of(present.get(0));
    }
    if (present.isEmpty()) {
      if (!hadUnknownKeys) {
        reader.error(
            mapping,
            path,
            what
                + " needs one of "
                + String.join(", ", keys)
                + "; found "
                + (entries.isEmpty()
                    ? "an empty mapping"
                    : "only " + String.join(", ", entries.keySet())));
      }
      return Optional.empty();
    }
    reader.error(
        entries.get(present.get(1)).getKeyNode(),
        path,
        what
            + " takes exactly one of "
            + String.join(", ", keys)
            + ", found both '"
            + present.get(0)
            + "' and '"
            + present.get(1)
            + "'"
            + (whenSeveral.isEmpty() ? "" : "; " + whenSeveral));
    return Optional.empty();
  }
}
