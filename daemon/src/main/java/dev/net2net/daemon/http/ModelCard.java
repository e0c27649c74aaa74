package dev.net2net.daemon.http;

import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelVersion;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A version's model card in Markdown: what it is, where it comes from (every transform back to the
 * seed), the data it saw, its metrics, its preservation error and the policy decision that made it.
 * Pure: it reads a {@link ModelHistory} and writes text.
 */
final class ModelCard {
  private ModelCard() {}

  static String of(ModelHistory history, ModelVersion v) {
    String model = v.model().value();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(model).append(" version ").append(v.number()).append("\n\n");
    List<AliasName> aliases = history.aliasesOf(v.number());
    md.append("| | |\n|---|---|\n");
    row(
        md,
        "status",
        v.state().status().label() + v.state().reason().map(r -> " (" + r + ")").orElse(""));
    row(
        md,
        "aliases",
        aliases.isEmpty()
            ? "none"
            : aliases.stream().map(AliasName::value).collect(Collectors.joining(", ")));
    row(md, "architecture", "`" + v.architecture() + "`");
    row(md, "parameters", String.format(Locale.ROOT, "%,d", v.parameterCount()));
    row(md, "created", v.createdAt().toString());
    row(
        md,
        "artifact",
        "sha256 `"
            + v.artifact().sha256().hex()
            + "`, "
            + String.format(Locale.ROOT, "%,d", v.artifact().size())
            + " bytes, [download](/api/models/"
            + model
            + "/versions/"
            + v.number()
            + "/artifact"
            + (v.state().status().isFinal() ? "?anyStatus=true" : "")
            + ")");
    md.append('\n');

    md.append("## Lineage\n\n");
    List<ModelVersion> path = history.pathFromSeed(v.number());
    for (ModelVersion step : path) {
      md.append("1. version ").append(step.number());
      if (step.transform().isEmpty()) {
        md.append(": the seed");
      } else {
        md.append(": `")
            .append(TransformLabel.of(step.transform().get()))
            .append("` of version ")
            .append(step.parent().map(String::valueOf).orElse("?"));
      }
      md.append(String.format(Locale.ROOT, ", %,d parameters", step.parameterCount()));
      history
          .finalMetric(step.number(), "validation", "accuracy")
          .ifPresent(a -> md.append(String.format(Locale.ROOT, ", validation accuracy %.4f", a)));
      md.append(", ").append(step.state().status().label()).append('\n');
    }
    md.append('\n');

    md.append("## Data\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Trained on %,d rows, snapshot digest `%s`.%n%n",
            v.dataset().rows(),
            v.dataset().digest().hex()));

    md.append("## Metrics\n\n");
    List<Metric> metrics = history.metricsOf(v.number());
    List<Metric> finals = metrics.stream().filter(m -> m.epoch().isEmpty()).toList();
    List<Metric> epochs = metrics.stream().filter(m -> m.epoch().isPresent()).toList();
    if (metrics.isEmpty()) {
      md.append("None recorded.\n\n");
    }
    if (!finals.isEmpty()) {
      md.append("| split | metric | value |\n|---|---|---|\n");
      finals.forEach(
          m ->
              md.append(
                  String.format(
                      Locale.ROOT, "| %s | %s | %.6g |%n", m.split(), m.name(), m.value())));
      md.append('\n');
    }
    if (!epochs.isEmpty()) {
      md.append("Per epoch:\n\n| split | metric | epoch | value |\n|---|---|---|---|\n");
      epochs.forEach(
          m ->
              md.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %s | %d | %.6g |%n",
                      m.split(),
                      m.name(),
                      m.epoch().getAsInt(),
                      m.value())));
      md.append('\n');
    }

    md.append("## Function preservation\n\n");
    if (v.preservationError().isPresent()) {
      md.append(
          String.format(
              Locale.ROOT,
              "Measured max |parent - student| right after the transform: %.3e.%n%n",
              v.preservationError().getAsDouble()));
    } else {
      md.append(
          v.transform().isEmpty()
              ? "The seed has no parent to preserve.\n\n"
              : "Not measured.\n\n");
    }

    md.append("## Policy\n\n");
    if (history.decisionOf(v.number()).isPresent()) {
      PolicyDecision d = history.decisionOf(v.number()).get();
      md.append("Decision ")
          .append(d.id())
          .append(" of policy `")
          .append(d.policy())
          .append("`, rule `")
          .append(d.rule())
          .append("`: action `")
          .append(d.action())
          .append("`, outcome `")
          .append(d.outcome().label())
          .append("`, decided ")
          .append(d.decidedAt())
          .append(".\n\nSignals seen:\n\n```json\n")
          .append(d.signals().text())
          .append("\n```\n");
    } else if (v.transform().isEmpty()) {
      md.append("The seed, trained when the daemon first had data for the model.\n");
    } else {
      md.append("No recorded decision names this version.\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }
}
