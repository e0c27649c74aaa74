package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model artifacts over HTTP: {@code GET|HEAD /api/models/{name}/versions/{v}/artifact} and {@code
 * .../aliases/{alias}/artifact}. The zip is verified against its recorded SHA-256 on a worker, then
 * streamed from the file with back-pressure (never held in memory). Its checksum is the strong
 * ETag, so {@code If-None-Match} gets a 304 without touching the file. A rejected or failed version
 * is served only with {@code ?anyStatus=true}: nobody fetches a model the gate refused by accident.
 */
final class ArtifactRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactRoutes.class);
  static final String SHA256_HEADER = "X-Artifact-Sha256";
  static final String VERSION_HEADER = "X-Model-Version";
  private static final Set<VersionStatus> SERVED_BY_DEFAULT =
      Set.of(VersionStatus.READY, VersionStatus.CANDIDATE);

  private final Vertx vertx;
  private final Registry registry;

  ArtifactRoutes(Vertx vertx, Registry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  void mount(Router router) {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      router
          .route(method, "/api/models/:name/versions/:version/artifact")
          .handler(ctx -> serve(ctx, () -> PathParams.version(ctx), true));
      router
          .route(method, "/api/models/:name/aliases/:alias/artifact")
          .handler(ctx -> serve(ctx, () -> resolveAlias(ctx), false));
    }
  }

  private VersionRef resolveAlias(RoutingContext ctx) {
    var model = PathParams.model(ctx);
    var alias = PathParams.alias(ctx);
    registry.models().get(model);
    return registry
        .aliases()
        .resolve(model, alias)
        .map(v -> new VersionRef(model, v))
        .orElseThrow(
            () -> new NotFoundException("model '" + model + "' has no alias '" + alias + "'"));
  }

  /**
   * What the worker found: the version, and the verified file unless the client's copy is current.
   */
  private record Found(ModelVersion version, Optional<Path> file) {}

  private interface RefLookup {
    VersionRef lookup();
  }

  private void serve(RoutingContext ctx, RefLookup lookup, boolean immutable) {
    Optional<String> ifNoneMatch = Optional.ofNullable(ctx.request().getHeader("If-None-Match"));
    boolean head = ctx.request().method() == HttpMethod.HEAD;
    vertx
        .executeBlocking(
            () -> {
              boolean anyStatus = anyStatus(ctx);
              ModelVersion version = registry.versions().get(lookup.lookup());
              VersionStatus status = version.state().status();
              if (!anyStatus && !SERVED_BY_DEFAULT.contains(status)) {
                throw new ApiException(
                    ErrorKind.CONFLICT,
                    "version "
                        + version.ref()
                        + " is "
                        + status.label()
                        + version.state().reason().map(r -> " (" + r + ")").orElse("")
                        + "; its artifact is served only when asked for explicitly: add ?anyStatus=true");
              }
              if (ifNoneMatch.filter(header -> matches(header, etag(version))).isPresent()
                  || head) {
                return new Found(version, Optional.empty());
              }
              return new Found(
                  version,
                  Optional.of(
                      registry
                          .artifacts()
                          .verifiedPath(version.artifact().sha256(), version.artifact().size())));
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                // A damaged artifact is CORRUPT: a 500 naming the file, never served.
                HttpReplies.failure(ctx, ar.cause());
                return;
              }
              Found found = ar.result();
              HttpServerResponse response = ctx.response();
              headers(response, found.version(), immutable);
              if (ifNoneMatch
                  .filter(header -> matches(header, etag(found.version())))
                  .isPresent()) {
                response.setStatusCode(304).end();
              } else if (head) {
                response
                    .putHeader("Content-Length", Long.toString(found.version().artifact().size()))
                    .end();
              } else {
                stream(ctx, found.version(), found.file().orElseThrow());
              }
            });
  }

  private void stream(RoutingContext ctx, ModelVersion version, Path file) {
    HttpServerResponse response = ctx.response();
    response.putHeader("Content-Length", Long.toString(version.artifact().size()));
    Future<Void> sent =
        vertx
            .fileSystem()
            .open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
            .compose(opened -> opened.pipeTo(response));
    sent.onFailure(
        e -> {
          LOG.warn("sending the artifact of {} failed: {}", version.ref(), e.toString());
          if (!response.ended()) {
            if (response.headWritten()) {
              response.reset();
            } else {
              HttpReplies.error(
                  ctx,
                  500,
                  "reading the artifact of " + version.ref() + " failed: " + e.getMessage());
            }
          }
        });
  }

  private static void headers(
      HttpServerResponse response, ModelVersion version, boolean immutable) {
    String hex = version.artifact().sha256().hex();
    response
        .putHeader("ETag", etag(version))
        .putHeader(SHA256_HEADER, hex)
        .putHeader(
            "Repr-Digest",
            "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + ":")
        .putHeader(VERSION_HEADER, Integer.toString(version.number()))
        .putHeader("Content-Type", "application/zip")
        .putHeader(
            "Content-Disposition",
            "attachment; filename=\""
                + version.model().value()
                + "-v"
                + version.number()
                + ".zip\"")
        // A version's bytes never change; an alias may move at any time, so its download is
        // revalidated.
        .putHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  }

  static String etag(ModelVersion version) {
    return "\"" + version.artifact().sha256().hex() + "\"";
  }

  /**
   * If-None-Match: a list of entity tags or {@code *}; compared weakly as RFC 9110 section 13.1.2
   * says.
   */
  static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyStatus(RoutingContext ctx) {
    var values = ctx.queryParam("anyStatus");
    if (values.isEmpty()) {
      return false;
    }
    String value = values.get(0);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ApiException(
        ErrorKind.BAD_INPUT, "anyStatus must be true or false, got '" + value + "'");
  }
}
