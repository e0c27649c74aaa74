package dev.net2net.daemon.http;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.DaemonStartException;
import dev.net2net.daemon.growth.GrowthSpec;
import dev.net2net.daemon.policy.PolicySet;
import dev.net2net.daemon.policy.PolicyVerticle;
import dev.net2net.errors.ErrorKind;
import dev.net2net.policies.model.Action;
import dev.net2net.registry.alias.AliasMoveResult;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.Lineage;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelSummary;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Longer than 400 lines because the JSON API's routes and their handlers are kept together so that
// the whole API reads as one table (openapi.yaml describes the same list); replies, parameters and
// bodies are parsed in HttpReplies, PathParams and RequestBodies, and the artifact, lineage and
// page routes live in their own classes.
/**
 * The HTTP API. Reads go to the registry on worker threads; mutating calls need the configured
 * bearer token; bad input gets a 4xx with a JSON body saying what was wrong, never a 500.
 */
public final class ApiVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
  private static final int MAX_BODY = 64 * 1024;
  private static final Duration EVENT_POLL = Duration.ofMillis(500);

  private final DaemonServices services;
  private HttpServer server;
  private Router router;
  private final String openApi;
  private final PageRoutes page = new PageRoutes();
  private EventStream eventStream;

  /**
   * Built on the starting thread, which may block: the OpenAPI document is read here, not on an
   * event loop.
   */
  public ApiVerticle(DaemonServices services) {
    this.services = services;
    try (InputStream in = ApiVerticle.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the jar");
      }
      this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read openapi.yaml from the jar", e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * The routes served, as {@code "GET /api/models/{name}"} (OpenAPI's spelling of path parameters),
   * so a test can hold the OpenAPI document to them.
   */
  public SortedSet<String> routes() {
    SortedSet<String> routes = new TreeSet<>();
    for (var route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue; // the body handler, which applies to every route
      }
      String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      route.methods().forEach(method -> routes.add(method.name() + " " + path));
    }
    return routes;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY).setHandleFileUploads(false));
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "live")));
    router.get("/health/ready").handler(this::ready);
    router
        .get("/metrics")
        .handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) services.prometheus()));
    router
        .get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openApi));

    router.get("/api/models").handler(ctx -> blocking(ctx, this::models));
    router
        .get("/api/models/:name")
        .handler(ctx -> blocking(ctx, () -> model(ctx.pathParam("name"))));
    router
        .get("/api/models/:name/versions")
        .handler(ctx -> blocking(ctx, () -> versions(ctx.pathParam("name"))));
    router
        .get("/api/models/:name/versions/:version/lineage")
        .handler(
            ctx -> blocking(ctx, () -> lineage(ctx.pathParam("name"), ctx.pathParam("version"))));
    router
        .get("/api/models/:name/decisions")
        .handler(
            ctx -> blocking(ctx, () -> decisions(ctx.pathParam("name"), PathParams.limit(ctx))));
    router
        .get("/api/jobs")
        .handler(
            ctx ->
                blocking(
                    ctx,
                    () ->
                        jobs(ctx.queryParam("model").stream().findFirst(), PathParams.limit(ctx))));
    router
        .post("/api/models/:name/grow")
        .handler(this::authorized)
        .handler(
            ctx ->
                blocking(
                    ctx,
                    () -> grow(ctx.pathParam("name"), RequestBodies.optionalObject(ctx)),
                    202));
    router
        .put("/api/models/:name/aliases/:alias")
        .handler(this::authorized)
        .handler(
            ctx ->
                blocking(
                    ctx,
                    () ->
                        moveAlias(
                            ctx.pathParam("name"),
                            ctx.pathParam("alias"),
                            RequestBodies.object(ctx))));
    router
        .post("/api/policies/reload")
        .handler(this::authorized)
        .handler(ctx -> blocking(ctx, this::reloadPolicies));
    // The lineage page, its JSON and live events, and artifact downloads: read-only, in their own
    // classes.
    page.mount(router);
    new LineageRoutes(vertx, services.registry()).mount(router);
    new ArtifactRoutes(vertx, services.registry()).mount(router);
    eventStream = new EventStream(vertx, services.registry(), EVENT_POLL);
    eventStream.mount(router);

    router.errorHandler(
        404,
        ctx ->
            HttpReplies.error(
                ctx,
                404,
                "no such endpoint: "
                    + ctx.request().method()
                    + " "
                    + ctx.request().path()
                    + " (see /openapi.yaml)"));
    router.errorHandler(
        405,
        ctx ->
            HttpReplies.error(
                ctx, 405, ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(
        413,
        ctx ->
            HttpReplies.error(ctx, 413, "the request body is larger than " + MAX_BODY + " bytes"));
    router.errorHandler(
        500,
        ctx -> {
          LOG.error(
              "unexpected error serving {} {}",
              ctx.request().method(),
              ctx.request().path(),
              ctx.failure());
          HttpReplies.error(ctx, 500, "internal error");
        });

    var http = services.config().http();
    // HTTP/1.1 only: clients that offer a cleartext upgrade to HTTP/2 (the JDK's HttpClient does by
    // default) stay on HTTP/1.1. The API gains nothing from h2c, and an end-to-end test once hung
    // on an upgraded connection whose response never completed.
    return vertx
        .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(
            request -> {
              Optional<String> bad = RequestTarget.problem(request.uri());
              if (bad.isPresent()) {
                LOG.debug("refused {} {}: {}", request.method(), request.uri(), bad.get());
                request
                    .response()
                    .setStatusCode(400)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", bad.get()).put("status", 400).encode());
                return;
              }
              router.handle(request);
            })
        .listen(http.port(), http.host())
        .recover(
            e ->
                Future.failedFuture(
                    new DaemonStartException(
                        "cannot serve HTTP on "
                            + http.host()
                            + ":"
                            + http.port()
                            + " (the configuration's http.host and http.port): "
                            + e.getMessage(),
                        e)))
        .onSuccess(s -> server = s);
  }

  // ---- plumbing

  private <T> void blocking(RoutingContext ctx, Callable<T> work) {
    blocking(ctx, work, 200);
  }

  private <T> void blocking(RoutingContext ctx, Callable<T> work, int status) {
    vertx
        .executeBlocking(work)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ctx.response().setStatusCode(status);
                ctx.json(ar.result());
                return;
              }
              HttpReplies.failure(ctx, ar.cause());
            });
  }

  private void authorized(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String expected = "Bearer " + services.apiToken();
    if (header == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      HttpReplies.error(
          ctx,
          401,
          "this call changes state and needs 'Authorization: Bearer <token>' (the token is in the"
              + " configuration, or in "
              + services.config().home().resolve("api-token")
              + ")");
      return;
    }
    if (!MessageDigest.isEqual(
        header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      HttpReplies.error(ctx, 401, "the bearer token is not the configured one");
      return;
    }
    ctx.next();
  }

  // ---- handlers (on worker threads)

  private void ready(RoutingContext ctx) {
    vertx
        .executeBlocking(
            () -> {
              JsonObject checks = new JsonObject();
              boolean ok = true;
              try {
                services.registry().models().list();
                checks.put("database", "reachable");
              } catch (RuntimeException e) {
                checks.put("database", "unreachable: " + RequestBodies.firstLine(e.getMessage()));
                ok = false;
              }
              PolicySet policies = services.engine().policies();
              checks.put(
                  "policy",
                  new JsonObject()
                      .put("source", policies.source().toString())
                      .put("loadedAt", policies.loadedAt().toString())
                      .put("models", new JsonArray(policies.byModel().keySet().stream().toList())));
              return checks.put("status", ok ? "ready" : "not ready");
            })
        .onComplete(
            ar -> {
              JsonObject body =
                  ar.succeeded() ? ar.result() : new JsonObject().put("status", "not ready");
              ctx.response().setStatusCode("ready".equals(body.getString("status")) ? 200 : 503);
              ctx.json(body);
            });
  }

  private JsonArray models() {
    JsonArray list = new JsonArray();
    for (ModelSummary s : services.registry().models().summaries()) {
      String name = s.model().name().value();
      list.add(
          new JsonObject()
              .put("name", name)
              .put("champion", s.champion().orElse(null))
              .put("latestRegisteredAt", s.latestRegisteredAt().map(Object::toString).orElse(null))
              .put("managed", services.models().containsKey(name))
              .put("datasetRows", services.model(name).map(m -> m.dataset().rows()).orElse(null)));
    }
    return list;
  }

  private JsonObject model(String nameText) {
    ModelName name = PathParams.model(nameText);
    var model = services.registry().models().get(name);
    JsonObject json =
        new JsonObject().put("name", model.name().value()).put("description", model.description());
    JsonObject aliases = new JsonObject();
    services
        .registry()
        .aliases()
        .list(name)
        .forEach((alias, version) -> aliases.put(alias.value(), version));
    json.put("aliases", aliases);
    services
        .registry()
        .aliases()
        .resolve(name, AliasName.CHAMPION)
        .ifPresent(
            v -> {
              var details = services.registry().versions().details(new VersionRef(name, v));
              json.put("champion", ApiJson.version(details.version(), details.metrics()));
            });
    json.put("versions", services.registry().versions().list(name).size());
    services
        .model(nameText)
        .ifPresent(
            m ->
                json.put("datasetRows", m.dataset().rows())
                    .put("dataFolder", m.settings().data().toString())
                    .put("unrecognizedFiles", new JsonArray(m.unrecognizedFiles())));
    services.engine().policies().forModel(nameText).ifPresent(p -> json.put("policy", p.name()));
    return json;
  }

  private JsonArray versions(String nameText) {
    ModelName name = PathParams.model(nameText);
    services.registry().models().get(name);
    JsonArray list = new JsonArray();
    for (ModelVersion v : services.registry().versions().list(name)) {
      list.add(ApiJson.version(v, services.registry().versions().metrics(v.ref())));
    }
    return list;
  }

  private JsonObject lineage(String nameText, String versionText) {
    VersionRef ref =
        new VersionRef(PathParams.model(nameText), PathParams.versionNumber(versionText));
    Lineage lineage = services.registry().versions().lineage(ref);
    JsonArray ancestors = new JsonArray();
    lineage.ancestors().forEach(v -> ancestors.add(ApiJson.versionBrief(v)));
    JsonArray descendants = new JsonArray();
    lineage.descendants().forEach(v -> descendants.add(ApiJson.versionBrief(v)));
    return new JsonObject()
        .put("model", nameText)
        .put("version", ApiJson.versionBrief(lineage.version()))
        .put("ancestors", ancestors)
        .put("descendants", descendants);
  }

  private JsonArray decisions(String nameText, int limit) {
    ModelName name = PathParams.model(nameText);
    services.registry().models().get(name);
    JsonArray list = new JsonArray();
    for (var d : services.registry().decisions().recent(name, limit)) {
      JsonObject decision = ApiJson.decision(d);
      if (d.growthKind().orElse(null) == GrowthKind.TOURNAMENT) {
        services
            .registry()
            .tournaments()
            .find(d.id())
            .ifPresent(t -> decision.put("tournament", tournament(t)));
      }
      list.add(decision);
    }
    return list;
  }

  /** A tournament's deadline and candidates, each with its job's state and its version's. */
  private JsonObject tournament(Tournament t) {
    JsonArray candidates = new JsonArray();
    for (var job : t.candidates()) {
      JsonObject c =
          new JsonObject()
              .put("candidate", job.candidate().orElseThrow())
              .put(
                  "action",
                  GrowthSpec.parse(job.spec()).action().map(Action::describe).orElse(null))
              .put("job", job.id())
              .put("status", job.status().label())
              .put("attempts", job.attempts())
              .put("worker", job.leaseOwner().orElse(null))
              .put("lastError", job.lastError().orElse(null))
              .put("version", job.resultVersion().orElse(null));
      job.resultVersion()
          .ifPresent(
              v -> {
                var state =
                    services.registry().versions().get(new VersionRef(job.model(), v)).state();
                c.put("versionStatus", state.status().label())
                    .put("versionReason", state.reason().orElse(null));
              });
      candidates.add(c);
    }
    return new JsonObject()
        .put("deadline", t.deadline().toString())
        .put("deadlinePassed", t.deadlinePassed())
        .put("decided", t.resolved())
        .put("candidates", candidates);
  }

  private JsonArray jobs(Optional<String> model, int limit) {
    JsonArray list = new JsonArray();
    services
        .registry()
        .jobs()
        .recent(model.map(PathParams::model), limit)
        .forEach(j -> list.add(ApiJson.job(j)));
    return list;
  }

  private JsonObject grow(String nameText, Optional<JsonObject> body) {
    ModelName name = PathParams.model(nameText);
    if (services.model(nameText).isEmpty()) {
      services.registry().models().get(name);
      throw new ApiException(
          ErrorKind.CONFLICT, "model '" + nameText + "' is not managed by this daemon");
    }
    var policy =
        services
            .engine()
            .policies()
            .forModel(nameText)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorKind.CONFLICT,
                        "no policy for model '" + nameText + "'; nothing says how to grow it"));
    Optional<String> rule =
        body.map(b -> b.getValue("rule"))
            .map(
                r -> {
                  if (!(r instanceof String s) || s.isBlank()) {
                    throw new ApiException(
                        ErrorKind.BAD_INPUT,
                        "'rule' must be the name of a rule of policy '" + policy.name() + "'");
                  }
                  return s;
                });
    rule.ifPresent(
        r -> {
          if (policy.rules().stream().noneMatch(x -> x.name().equals(r))) {
            throw new ApiException(
                ErrorKind.BAD_INPUT,
                "policy '"
                    + policy.name()
                    + "' has no rule '"
                    + r
                    + "'; it has "
                    + policy.rules().stream().map(x -> x.name()).toList());
          }
        });
    var decision = services.engine().requestManual(nameText, rule, "api");
    vertx.eventBus().publish(PolicyVerticle.EVALUATE, nameText);
    return new JsonObject()
        .put("requested", decision.id())
        .put("model", nameText)
        .put("rule", rule.orElse(null))
        .put("note", "the policy engine acts on it at its next evaluation; guards still apply");
  }

  private JsonObject moveAlias(String nameText, String aliasText, JsonObject body) {
    ModelName name = PathParams.model(nameText);
    AliasName alias;
    try {
      alias = new AliasName(aliasText);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
    }
    int version = RequestBodies.versionField(body.getValue("version"), "version");
    if (!body.containsKey("expected")) {
      throw new ApiException(
          ErrorKind.BAD_INPUT,
          "'expected' is required: the version the alias names now, or null if it names"
              + " none (compare-and-set, so two moves never overwrite each other)");
    }
    Object expectedValue = body.getValue("expected");
    Optional<Integer> expected =
        expectedValue == null
            ? Optional.empty()
            : Optional.of(RequestBodies.versionField(expectedValue, "expected"));
    Object reasonValue = body.getValue("reason");
    if (reasonValue != null && !(reasonValue instanceof String)) {
      throw new ApiException(ErrorKind.BAD_INPUT, "'reason' must be a string");
    }
    String reason = reasonValue == null ? "moved through the API" : (String) reasonValue;
    VersionRef target = new VersionRef(name, version);
    services.registry().versions().get(target);
    AliasMoveResult result =
        services.registry().aliases().move(alias, target, expected, "api", reason);
    if (!result.moved()) {
      throw new ApiException(
          ErrorKind.CONFLICT,
          "alias '"
              + alias.value()
              + "' names version "
              + result.current().map(String::valueOf).orElse("none")
              + ", not the expected "
              + expected.map(String::valueOf).orElse("none")
              + "; nothing was changed");
    }
    if (alias.equals(AliasName.CHAMPION)) {
      vertx.eventBus().publish(PolicyVerticle.EVALUATE, nameText);
    }
    return new JsonObject()
        .put("model", nameText)
        .put("alias", alias.value())
        .put("version", target.number());
  }

  private JsonObject reloadPolicies() {
    try {
      PolicySet next = PolicySet.load(services.config().policies(), Instant.now());
      services.engine().replace(next);
      LOG.info("policies reloaded from {}: {}", next.source(), next.byModel().keySet());
      return new JsonObject()
          .put("source", next.source().toString())
          .put("models", new JsonArray(next.byModel().keySet().stream().toList()))
          .put("loadedAt", next.loadedAt().toString());
    } catch (PolicySet.InvalidPolicyException e) {
      throw new ApiException(
          ErrorKind.CHECK_FAILED,
          "the policy file is invalid; the daemon keeps the policies it had: "
              + String.join("; ", e.problems()));
    }
  }

  @Override
  public Future<?> stop() {
    if (eventStream != null) {
      eventStream.close();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
