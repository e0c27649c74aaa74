package dev.net2net.daemon.http;

import dev.net2net.registry.alias.AliasMove;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.OptionalDouble;

/**
 * A model's whole lineage as the page reads it: the versions as nodes, their transforms as edges,
 * the champion's history.
 */
final class LineageJson {
  private LineageJson() {}

  static JsonObject of(ModelHistory history) {
    String name = history.model().name().value();
    JsonObject aliases = new JsonObject();
    history.aliases().forEach((alias, version) -> aliases.put(alias.value(), version));
    JsonArray versions = new JsonArray();
    for (ModelVersion v : history.versions()) {
      versions.add(version(history, v));
    }
    JsonArray edges = new JsonArray();
    for (ModelVersion v : history.versions()) {
      v.parent()
          .ifPresent(
              parent ->
                  edges.add(
                      new JsonObject()
                          .put("from", parent)
                          .put("to", v.number())
                          .put("label", v.transform().map(TransformLabel::of).orElse("grown"))
                          .put("kind", v.transform().map(t -> t.kind()).orElse(null))));
    }
    JsonArray moves = new JsonArray();
    for (AliasMove move : history.championMoves()) {
      JsonObject entry =
          new JsonObject()
              .put("at", move.movedAt().toString())
              .put("version", move.to())
              .put("from", move.from().orElse(null))
              .put("movedBy", move.movedBy())
              .put("reason", move.reason());
      history.version(move.to()).ifPresent(v -> entry.put("parameters", v.parameterCount()));
      putIfPresent(entry, "accuracy", history.finalMetric(move.to(), "validation", "accuracy"));
      moves.add(entry);
    }
    return new JsonObject()
        .put("model", name)
        .put("description", history.model().description())
        .put("champion", history.champion().orElse(null))
        .put("aliases", aliases)
        .put("versions", versions)
        .put("edges", edges)
        .put("championHistory", moves);
  }

  private static JsonObject version(ModelHistory history, ModelVersion v) {
    JsonObject json = ApiJson.version(v, history.metricsOf(v.number()));
    String base = "/api/models/" + v.model().value() + "/versions/" + v.number();
    json.put("label", v.transform().map(TransformLabel::of).orElse(null))
        .put("champion", history.champion().filter(c -> c == v.number()).isPresent())
        .put(
            "aliases",
            new JsonArray(history.aliasesOf(v.number()).stream().map(AliasName::value).toList()))
        .put("datasetDigest", v.dataset().digest().hex())
        .put("artifactSize", v.artifact().size())
        .put("artifactUrl", base + "/artifact")
        .put("cardUrl", base + "/card")
        .put("updatedAt", v.updatedAt().toString());
    history
        .decisionOf(v.number())
        .ifPresentOrElse(
            d -> json.put("decision", ApiJson.decision(d)), () -> json.putNull("decision"));
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, OptionalDouble value) {
    if (value.isPresent()) {
      json.put(key, value.getAsDouble());
    } else {
      json.putNull(key);
    }
  }
}
