package dev.net2net.daemon.http;

import dev.net2net.registry.Registry;
import dev.net2net.registry.alias.AliasMove;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelSummary;
import dev.net2net.registry.model.VersionRef;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The read-only JSON the lineage page draws from, and the model card: {@code GET /api/champions},
 * {@code GET /api/models/{name}/lineage}, {@code GET /api/models/{name}/versions/{v}/card}.
 * Registry reads run on worker threads.
 */
final class LineageRoutes {
  private final Vertx vertx;
  private final Registry registry;

  LineageRoutes(Vertx vertx, Registry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  void mount(Router router) {
    router.get("/api/champions").handler(ctx -> json(ctx, this::champions));
    router
        .get("/api/models/:name/lineage")
        .handler(
            ctx ->
                json(
                    ctx, () -> LineageJson.of(ModelHistory.read(registry, PathParams.model(ctx)))));
    router.get("/api/models/:name/versions/:version/card").handler(this::card);
  }

  private JsonArray champions() {
    JsonArray list = new JsonArray();
    for (ModelSummary summary : registry.models().summaries()) {
      JsonObject entry =
          new JsonObject()
              .put("model", summary.model().name().value())
              .put("description", summary.model().description())
              .put("versions", summary.model().latestVersion());
      if (summary.champion().isPresent()) {
        var details =
            registry
                .versions()
                .details(new VersionRef(summary.model().name(), summary.champion().get()));
        var v = details.version();
        entry
            .put("version", v.number())
            .put("parameters", v.parameterCount())
            .put("createdAt", v.createdAt().toString())
            .put("label", v.transform().map(TransformLabel::of).orElse(null));
        details.metrics().stream()
            .filter(m -> m.epoch().isEmpty() && m.split().equals("validation"))
            .forEach(m -> entry.put(m.name(), m.value()));
        List<AliasMove> moves =
            registry.aliases().history(summary.model().name(), AliasName.CHAMPION);
        if (!moves.isEmpty()) {
          entry.put("championSince", moves.get(moves.size() - 1).movedAt().toString());
        }
      } else {
        entry.putNull("version");
      }
      list.add(entry);
    }
    return list;
  }

  private void card(RoutingContext ctx) {
    vertx
        .executeBlocking(
            () -> {
              VersionRef ref = PathParams.version(ctx);
              registry.versions().get(ref); // a precise 404 for an unknown model or version
              ModelHistory history = ModelHistory.read(registry, ref.model());
              return ModelCard.of(history, history.version(ref.number()).orElseThrow());
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                HttpReplies.failure(ctx, ar.cause());
              } else {
                ctx.response()
                    .putHeader("content-type", "text/markdown; charset=utf-8")
                    .end(ar.result());
              }
            });
  }

  private <T> void json(RoutingContext ctx, Callable<T> work) {
    vertx
        .executeBlocking(work)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                HttpReplies.failure(ctx, ar.cause());
              } else {
                ctx.json(ar.result());
              }
            });
  }
}
