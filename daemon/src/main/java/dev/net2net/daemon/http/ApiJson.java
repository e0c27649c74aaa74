package dev.net2net.daemon.http;

import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Registry records as the API's JSON. */
final class ApiJson {
  private ApiJson() {}

  static JsonObject version(ModelVersion v, List<Metric> metrics) {
    JsonObject json =
        new JsonObject()
            .put("version", v.number())
            .put("parent", v.parent().orElse(null))
            .put("status", v.state().status().toString().toLowerCase())
            .put("reason", v.state().reason().orElse(null))
            .put("transform", v.transform().map(t -> new JsonObject(t.json().text())).orElse(null))
            .put("architecture", v.architecture())
            .put("parameters", v.parameterCount())
            .put("datasetRows", v.dataset().rows())
            .put(
                "preservationError",
                v.preservationError().isPresent() ? v.preservationError().getAsDouble() : null)
            .put("artifactSha256", v.artifact().sha256().hex())
            .put("createdAt", v.createdAt().toString());
    JsonObject finals = new JsonObject();
    JsonArray perEpoch = new JsonArray();
    for (Metric m : metrics) {
      if (m.epoch().isPresent()) {
        perEpoch.add(
            new JsonObject()
                .put("split", m.split())
                .put("metric", m.name())
                .put("epoch", m.epoch().getAsInt())
                .put("value", m.value()));
      } else {
        finals.put(m.split() + "." + m.name(), m.value());
      }
    }
    return json.put("metrics", finals).put("epochs", perEpoch);
  }

  static JsonObject versionBrief(ModelVersion v) {
    return new JsonObject()
        .put("version", v.number())
        .put("parent", v.parent().orElse(null))
        .put("status", v.state().status().toString().toLowerCase())
        .put("transform", v.transform().map(t -> t.summary()).orElse(null))
        .put("parameters", v.parameterCount())
        .put("createdAt", v.createdAt().toString());
  }

  static JsonObject decision(PolicyDecision d) {
    return new JsonObject()
        .put("id", d.id())
        .put("policy", d.policy())
        .put("rule", d.rule())
        .put("action", d.action())
        .put("kind", d.growthKind().map(GrowthKind::label).orElse(null))
        .put("outcome", d.outcome().label())
        .put("resultingVersion", d.resultingVersion().orElse(null))
        .put("signals", new JsonObject(d.signals().text()))
        .put("decidedAt", d.decidedAt().toString())
        .put("updatedAt", d.updatedAt().toString());
  }

  static JsonObject job(GrowthJob j) {
    return new JsonObject()
        .put("id", j.id())
        .put("model", j.model().value())
        .put("status", j.status().label())
        .put("decision", j.decisionId().orElse(null))
        .put("candidate", j.candidate().isPresent() ? j.candidate().getAsInt() : null)
        .put("attempts", j.attempts())
        .put("maxAttempts", j.maxAttempts())
        .put("leaseOwner", j.leaseOwner().orElse(null))
        .put("leaseExpiresAt", j.leaseExpiresAt().map(Object::toString).orElse(null))
        .put("lastError", j.lastError().orElse(null))
        .put("resultVersion", j.resultVersion().orElse(null))
        .put("spec", new JsonObject(j.spec().text()))
        .put("createdAt", j.createdAt().toString())
        .put("finishedAt", j.finishedAt().map(Object::toString).orElse(null));
  }
}
