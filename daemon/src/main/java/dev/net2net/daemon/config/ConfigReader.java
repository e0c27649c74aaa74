package dev.net2net.daemon.config;

import dev.net2net.policies.model.Durations;
import dev.net2net.policies.validate.Suggestions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a YAML configuration tree with every problem located (file:line:column) and collected, so
 * the user sees all of them at once. A wrong value is reported and replaced by the default, so
 * reading can go on and find the next problem.
 */
final class ConfigReader {
  private final String file;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(String file) {
    this.file = file;
  }

  List<String> problems() {
    return problems;
  }

  void problem(Node at, String message) {
    problems.add(where(at) + ": " + message);
  }

  void problem(String message) {
    problems.add(file + ": " + message);
  }

  String where(Node at) {
    Optional<Mark> mark = at == null ? Optional.empty() : at.getStartMark();
    return mark.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file);
  }

  Section section(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, path + " must be a mapping of keys to values");
      return new Section(path, Map.of(), node);
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problem(tuple.getKeyNode(), "keys in " + path + " must be plain words");
        continue;
      }
      if (entries.put(key.getValue(), tuple) != null) {
        problem(key, path + "." + key.getValue() + " is given twice");
      }
    }
    return new Section(path, entries, node);
  }

  /** One mapping of the configuration, with typed getters that report problems where they are. */
  final class Section {
    private final String path;
    private final Map<String, NodeTuple> entries;
    private final Node node;

    private Section(String path, Map<String, NodeTuple> entries, Node node) {
      this.path = path;
      this.entries = entries;
      this.node = node;
    }

    Node node() {
      return node;
    }

    boolean has(String key) {
      return entries.containsKey(key);
    }

    String name(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Node> value(String key) {
      return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    void allowOnly(Set<String> keys) {
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        if (!keys.contains(e.getKey())) {
          problem(
              e.getValue().getKeyNode(),
              "unknown key '"
                  + name(e.getKey())
                  + "'"
                  + Suggestions.didYouMean(e.getKey(), keys)
                  + "; expected one of "
                  + keys);
        }
      }
    }

    Optional<String> text(String key) {
      return value(key)
          .flatMap(
              v -> {
                if (v instanceof ScalarNode s) {
                  return Optional.of(s.getValue());
                }
                problem(v, name(key) + " must be a single value");
                return Optional.empty();
              });
    }

    String text(String key, String fallback) {
      return text(key).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) {
      return text(key)
          .map(
              t -> {
                try {
                  int v = Integer.parseInt(t.trim());
                  if (v < min || v > max) {
                    problem(
                        value(key).get(),
                        name(key) + " must be " + min + ".." + max + ", found " + v);
                    return fallback;
                  }
                  return v;
                } catch (NumberFormatException e) {
                  problem(
                      value(key).get(), name(key) + " must be a whole number, found '" + t + "'");
                  return fallback;
                }
              })
          .orElse(fallback);
    }

    double number(String key, double fallback, double min, double max) {
      return text(key)
          .map(
              t -> {
                try {
                  double v = Double.parseDouble(t.trim());
                  if (!(v >= min && v <= max)) {
                    problem(
                        value(key).get(),
                        name(key) + " must be between " + min + " and " + max + ", found " + t);
                    return fallback;
                  }
                  return v;
                } catch (NumberFormatException e) {
                  problem(value(key).get(), name(key) + " must be a number, found '" + t + "'");
                  return fallback;
                }
              })
          .orElse(fallback);
    }

    Duration duration(String key, Duration fallback) {
      return text(key)
          .map(
              t -> {
                try {
                  // Milliseconds for the short timings of tests and fast failover (500ms); the
                  // policy language's units otherwise.
                  Duration d =
                      t.trim().matches("[0-9]{1,9}ms")
                          ? Duration.ofMillis(Long.parseLong(t.trim().replace("ms", "")))
                          : Durations.parse(t.trim());
                  if (d.isZero() || d.isNegative()) {
                    problem(
                        value(key).get(),
                        name(key) + " must be a positive duration, found '" + t + "'");
                    return fallback;
                  }
                  return d;
                } catch (RuntimeException e) {
                  problem(value(key).get(), name(key) + ": " + e.getMessage());
                  return fallback;
                }
              })
          .orElse(fallback);
    }

    Optional<Path> path(String key) {
      return text(key).map(ConfigReader::expand);
    }

    List<Integer> integers(String key, List<Integer> fallback) {
      Optional<Node> v = value(key);
      if (v.isEmpty()) {
        return fallback;
      }
      if (!(v.get() instanceof SequenceNode seq)) {
        problem(v.get(), name(key) + " must be a list of whole numbers, e.g. [128, 64]");
        return fallback;
      }
      List<Integer> values = new ArrayList<>();
      for (Node item : seq.getValue()) {
        try {
          int n = Integer.parseInt(((ScalarNode) item).getValue().trim());
          if (n < 1) {
            throw new NumberFormatException();
          }
          values.add(n);
        } catch (RuntimeException e) {
          problem(item, name(key) + " must hold positive whole numbers");
          return fallback;
        }
      }
      return values.isEmpty() ? fallback : values;
    }

    Optional<Section> child(String key) {
      return value(key).map(v -> section(v, name(key)));
    }

    List<Section> children(String key) {
      Optional<Node> v = value(key);
      if (v.isEmpty()) {
        return List.of();
      }
      if (!(v.get() instanceof SequenceNode seq)) {
        problem(v.get(), name(key) + " must be a list");
        return List.of();
      }
      List<Section> sections = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        sections.add(section(seq.getValue().get(i), name(key) + "[" + i + "]"));
      }
      return sections;
    }
  }

  /** {@code ~} and {@code ~/...} mean the user's home. */
  static Path expand(String text) {
    String t = text.trim();
    if (t.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (t.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), t.substring(2));
    }
    return Path.of(t);
  }
}
