package dev.net2net.policies.parse;

import static dev.net2net.policies.parse.Vocabulary.MODES;
import static dev.net2net.policies.parse.Vocabulary.SPLITS;

import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.Numbers;
import dev.net2net.policies.model.Split;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds the metric a condition watches or a promotion gate compares, and checks thresholds against
 * it. Conditions and promotion gates share it, so a metric means the same thing in both.
 */
final class MetricBinder {

  private final NodeReader read;

  MetricBinder(NodeReader reader) {
    this.read = reader;
  }

  /**
   * Reads {@code metric}, {@code mode} and (when allowed) {@code split} from a mapping. A
   * well-known metric implies its mode; an unfamiliar one must state it, because guessing wrong
   * inverts the rule.
   */
  Optional<MetricRef> metric(Fields fields, boolean splitAllowed, Split defaultSplit) {
    Optional<Node> metricNode = fields.require("metric", "metric: accuracy");
    Optional<String> name = metricNode.flatMap(n -> metricName(n, fields.path("metric")));
    Optional<Split> split =
        splitAllowed
            ? fields.optional(
                "split",
                (n, path) ->
                    read.choice(n, path, SPLITS)
                        .map(s -> s.equals("train") ? Split.TRAIN : Split.VALIDATION),
                defaultSplit)
            : Optional.of(defaultSplit);
    Optional<Node> modeNode = fields.get("mode");
    Optional<Optional<Mode>> statedMode =
        fields.optional(
            "mode",
            (n, path) ->
                read.choice(n, path, MODES)
                    .map(m -> Optional.of(m.equals("max") ? Mode.MAX : Mode.MIN)),
            Optional.empty());
    if (name.isEmpty() || split.isEmpty() || statedMode.isEmpty()) {
      return Optional.empty();
    }
    Optional<Mode> conventional = Mode.conventionalFor(name.get());
    if (statedMode.get().isEmpty() && conventional.isEmpty()) {
      read.error(
          metricNode.get(),
          fields.path("metric"),
          "cannot tell whether a higher or a lower '"
              + name.get()
              + "' is better; add mode: max or mode: min");
      return Optional.empty();
    }
    Mode mode = statedMode.get().or(() -> conventional).orElseThrow();
    if (conventional.isPresent() && conventional.get() != mode) {
      read.warning(
          modeNode.orElseThrow(),
          fields.path("mode"),
          "mode: "
              + mode.yamlName()
              + " says a "
              + (mode == Mode.MAX ? "higher" : "lower")
              + " "
              + name.get()
              + " is better, which is unusual; check it");
    }
    return Optional.of(new MetricRef(name.get(), split.get(), mode));
  }

  private Optional<String> metricName(Node node, String path) {
    return read.string(node, path)
        .filter(
            name -> {
              for (Split split : Split.values()) {
                for (String prefix :
                    List.of(
                        split.yamlName() + "_", split == Split.VALIDATION ? "val_" : "train_")) {
                  if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    read.error(
                        node,
                        path,
                        "'"
                            + name
                            + "' names a split and a metric; write metric: "
                            + name.substring(prefix.length())
                            + " and split: "
                            + split.yamlName()
                            + " (the split is validation unless stated)");
                    return false;
                  }
                }
              }
              if (MetricRef.NAME.matcher(name).matches()) {
                return true;
              }
              read.error(
                  node,
                  path,
                  "expected a metric name of lower-case letters, digits and '_' (such as accuracy or"
                      + " loss), found '"
                      + name
                      + "'");
              return false;
            });
  }

  /**
   * Accuracy is a fraction; a threshold above 1 is a percentage written by mistake and would make
   * the condition always or never hold.
   */
  boolean checkFraction(String metric, Fields fields, String key, double value) {
    if (!metric.endsWith("accuracy") || (value >= 0 && value <= 1)) {
      return true;
    }
    Node node = fields.get(key).orElseThrow();
    read.error(
        node,
        fields.path(key),
        "expected a fraction between 0 and 1 for "
            + metric
            + ", found "
            + Numbers.format(value)
            + (value > 1 && value <= 100
                ? "; did you mean " + Numbers.format(value / 100) + "?"
                : ""));
    return false;
  }
}
