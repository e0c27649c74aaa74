package dev.net2net.daemon.http;

import dev.net2net.registry.Sha256;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lineage page: {@code GET /} and its script and style under {@code /ui/}, plain files from the
 * jar (no build step, no third-party code). They are read once when the daemon starts and served
 * from memory with an ETag; the page reads the JSON API and the event stream, and its content
 * security policy lets it talk to this daemon only. It has no way to change state: it never sends a
 * token.
 */
final class PageRoutes {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record Asset(Buffer body, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** Reads the files from the jar; call on a thread that may block (the verticle's constructor). */
  PageRoutes() {
    assets.put("/", load("index.html", "text/html; charset=utf-8"));
    assets.put("/ui/lineage.js", load("lineage.js", "text/javascript; charset=utf-8"));
    assets.put("/ui/lineage.css", load("lineage.css", "text/css; charset=utf-8"));
    assets.put("/ui/favicon.svg", load("favicon.svg", "image/svg+xml"));
  }

  void mount(Router router) {
    assets.forEach((path, asset) -> router.get(path).handler(ctx -> serve(ctx, asset)));
  }

  private static void serve(RoutingContext ctx, Asset asset) {
    var response =
        ctx.response()
            .putHeader("ETag", asset.etag())
            .putHeader("Cache-Control", "no-cache")
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Security-Policy", CSP)
            .putHeader("Referrer-Policy", "no-referrer");
    String ifNoneMatch = ctx.request().getHeader("If-None-Match");
    if (ifNoneMatch != null && ArtifactRoutes.matches(ifNoneMatch, asset.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", asset.contentType()).end(asset.body());
  }

  private static Asset load(String name, String contentType) {
    String resource = "/web/" + name;
    try (InputStream in = PageRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      return new Asset(
          Buffer.buffer(bytes), contentType, "\"" + Sha256.of(bytes).hex().substring(0, 32) + "\"");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + " from the jar", e);
    }
  }
}
