package dev.net2net.policies.parse;

import dev.net2net.policies.model.Durations;
import dev.net2net.policies.model.Names;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Diagnostics;
import dev.net2net.policies.validate.Suggestions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads of YAML nodes that never throw: a value of the wrong type or out of range is
 * reported, with where it is, what was found and what was expected, and the read comes back empty
 * so the caller carries on and finds the next problem too.
 */
final class NodeReader {

  private static final Set<Tag> STANDARD_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  private final String file;
  private final Diagnostics diagnostics;

  NodeReader(String file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  Diagnostics diagnostics() {
    return diagnostics;
  }

  SourceLocation at(Node node) {
    return node.getStartMark()
        .map(mark -> YamlDocuments.location(file, mark))
        .orElse(SourceLocation.startOf(file));
  }

  void error(Node node, String path, String message) {
    diagnostics.error(at(node), prefixed(path, message));
  }

  void warning(Node node, String path, String message) {
    diagnostics.warning(at(node), prefixed(path, message));
  }

  private static String prefixed(String path, String message) {
    return path.isEmpty() ? message : path + ": " + message;
  }

  /** What a user would call the value they wrote: "the string 'ten'", "a list", "nothing". */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    String value = scalar.getValue();
    String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return value.isEmpty() ? "nothing (an empty value)" : "null";
    }
    if (tag.equals(Tag.BOOL)) {
      return "the boolean " + value;
    }
    if (tag.equals(Tag.INT)) {
      return "the integer " + shown;
    }
    if (tag.equals(Tag.FLOAT)) {
      return "the number " + shown;
    }
    if (tag.equals(Tag.STR)) {
      return "the string '" + shown + "'";
    }
    return "a value tagged " + tag.getValue();
  }

  /**
   * Custom and binary tags have no meaning in a policy; catching them early gives a clearer
   * message.
   */
  boolean hasStandardTag(Node node, String path) {
    if (STANDARD_TAGS.contains(node.getTag())) {
      return true;
    }
    error(
        node,
        path,
        "YAML tags such as '"
            + node.getTag().getValue()
            + "' are not supported in policy files; remove the tag");
    return false;
  }

  Optional<MappingNode> mapping(Node node, String path) {
    if (node instanceof MappingNode mapping && hasStandardTag(node, path)) {
      return Optional.of(mapping);
    }
    if (!(node instanceof MappingNode)) {
      error(node, path, "expected a mapping (key: value lines), found " + describe(node));
    }
    return Optional.empty();
  }

  Optional<List<Node>> list(Node node, String path) {
    if (node instanceof SequenceNode sequence && hasStandardTag(node, path)) {
      return Optional.of(sequence.getValue());
    }
    if (!(node instanceof SequenceNode)) {
      error(node, path, "expected a list (lines starting with '- '), found " + describe(node));
    }
    return Optional.empty();
  }

  /** The keys of a mapping, checked against those allowed here. */
  Optional<Fields> fields(Node node, String path, List<String> allowedKeys) {
    return mapping(node, path).map(mapping -> new Fields(this, mapping, path, allowedKeys));
  }

  /**
   * A binder for a mapping with these keys: the mapping is checked (its keys against {@code keys})
   * and {@code body} binds its entries, so no section repeats the opening that reads its mapping.
   */
  <T> NodeBinder<T> mappingOf(List<String> keys, Function<Fields, Optional<T>> body) {
    return (node, path) -> fields(node, path, keys).flatMap(body);
  }

  Optional<String> string(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      if (scalar.getValue().isBlank()) {
        error(node, path, "expected a non-empty string, found an empty one");
        return Optional.empty();
      }
      return Optional.of(scalar.getValue());
    }
    if (hasStandardTag(node, path)) {
      error(node, path, "expected a string, found " + describe(node));
    }
    return Optional.empty();
  }

  /** A name that will appear in labels and log lines. */
  Optional<String> identifier(Node node, String path) {
    return string(node, path)
        .filter(
            value -> {
              if (Names.IDENTIFIER.matcher(value).matches()) {
                return true;
              }
              error(
                  node,
                  path,
                  "expected a name of letters, digits, '.', '_' or '-' (starting with a letter or digit,"
                      + " at most 100 characters), found '"
                      + value
                      + "'");
              return false;
            });
  }

  /** One of a fixed set of words, with a suggestion when it is misspelt. */
  Optional<String> choice(Node node, String path, List<String> choices) {
    return string(node, path)
        .filter(
            value -> {
              if (choices.contains(value)) {
                return true;
              }
              error(
                  node,
                  path,
                  "expected "
                      + alternatives(choices)
                      + ", found '"
                      + value
                      + "'"
                      + Suggestions.didYouMean(value, choices));
              return false;
            });
  }

  Optional<Boolean> bool(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of(Boolean.parseBoolean(scalar.getValue()));
    }
    if (hasStandardTag(node, path)) {
      String hint =
          node instanceof ScalarNode scalar
                  && Set.of("yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE")
                      .contains(scalar.getValue())
              ? " (YAML 1.2 reads only true and false as booleans)"
              : "";
      error(node, path, "expected true or false, found " + describe(node) + hint);
    }
    return Optional.empty();
  }

  /**
   * A number within bounds. Integers are numbers too; a quoted number is not, because the JSON
   * Schema editors check against says so and a silent conversion would hide the mistake.
   */
  Optional<Double> number(Node node, String path, DoublePredicate inRange, String expectation) {
    if (node instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.FLOAT) || scalar.getTag().equals(Tag.INT))) {
      double value;
      try {
        value = new BigDecimal(scalar.getValue()).doubleValue();
      } catch (NumberFormatException e) {
        error(node, path, "expected " + expectation + ", found " + describe(node));
        return Optional.empty();
      }
      if (!Double.isFinite(value) || !inRange.test(value)) {
        error(node, path, "expected " + expectation + ", found " + scalar.getValue());
        return Optional.empty();
      }
      return Optional.of(value);
    }
    if (hasStandardTag(node, path)) {
      error(node, path, "expected " + expectation + ", found " + describe(node) + numberHint(node));
    }
    return Optional.empty();
  }

  /** A whole number within [min, max]; 5e6 counts, as it does in JSON Schema. */
  Optional<Long> integer(Node node, String path, long min, long max) {
    String expectation = integerExpectation(min, max);
    if (node instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
      BigInteger value;
      try {
        value = new BigDecimal(scalar.getValue()).toBigIntegerExact();
      } catch (ArithmeticException | NumberFormatException e) {
        error(
            node,
            path,
            "expected " + expectation + ", found " + describe(node) + " (not a whole number)");
        return Optional.empty();
      }
      if (value.compareTo(BigInteger.valueOf(min)) < 0
          || value.compareTo(BigInteger.valueOf(max)) > 0) {
        error(node, path, "expected " + expectation + ", found " + scalar.getValue());
        return Optional.empty();
      }
      return Optional.of(value.longValueExact());
    }
    if (hasStandardTag(node, path)) {
      error(node, path, "expected " + expectation + ", found " + describe(node) + numberHint(node));
    }
    return Optional.empty();
  }

  private static String integerExpectation(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "an integer >= " + min;
    }
    return "an integer from " + min + " to " + max;
  }

  private static String numberHint(Node node) {
    if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
      return "";
    }
    String value = scalar.getValue();
    if (value.matches("[0-9][0-9_]*(\\.[0-9_]+)?") && value.contains("_")) {
      return " (YAML has no digit separators: write " + value.replace("_", "") + ")";
    }
    if (value.matches("-?\\.[0-9]+")) {
      return " (write a leading zero: " + value.replace(".", "0.") + ")";
    }
    if (value.matches("-?[0-9]+(\\.[0-9]+)?%")) {
      return " (write a fraction: 5% is 0.05)";
    }
    if (value.matches("-?[0-9.eE+-]+")) {
      return " (remove the quotes to make it a number)";
    }
    return "";
  }

  /**
   * A duration in the Prometheus syntax. {@code allowZero} is false where zero means nothing useful
   * (a schedule period); negative durations are never allowed.
   */
  Optional<Duration> duration(Node node, String path, boolean allowZero) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      String value = scalar.getValue();
      String suggestion = value.startsWith("-") ? "" : "; did you mean '" + value + "s'?";
      error(
          node,
          path,
          "expected a duration such as 90s, 5m, 1h or 1d, found the bare number "
              + value
              + (value.startsWith("-")
                  ? " (durations cannot be negative)"
                  : " (a duration needs a unit)")
              + suggestion);
      return Optional.empty();
    }
    Optional<String> text = string(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Duration parsed;
    try {
      parsed = Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      error(node, path, e.getMessage());
      return Optional.empty();
    }
    if (parsed.isZero() && !allowZero) {
      error(node, path, "expected a duration above zero, found '" + text.get() + "'");
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  static String alternatives(List<String> choices) {
    if (choices.size() == 1) {
      return "'" + choices.get(0) + "'";
    }
    String quoted = choices.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
    int last = quoted.lastIndexOf(", ");
    return (choices.size() > 2 ? "one of " : "")
        + quoted.substring(0, last)
        + " or "
        + quoted.substring(last + 2);
  }
}
