package dev.net2net.daemon.http;

import dev.net2net.registry.ConflictException;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.RegistryInputException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON error replies of the routes that live beside {@link ApiVerticle} (artifacts, the lineage page,
 * the event stream): the same body, {@code {"error": "...", "status": N}}, and the same mapping of
 * registry exceptions to statuses, so a client sees one API.
 */
final class HttpReplies {
  private static final Logger LOG = LoggerFactory.getLogger(HttpReplies.class);

  private HttpReplies() {}

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      if (!ctx.response().ended()) {
        ctx.response().reset(); // a body is under way: cut it rather than append an error to it
      }
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }

  /** Replies to a failed piece of work with the status its exception stands for. */
  static void failure(RoutingContext ctx, Throwable e) {
    if (e instanceof ApiException api) {
      error(ctx, api.status(), api.getMessage());
    } else if (e instanceof NotFoundException) {
      error(ctx, 404, e.getMessage());
    } else if (e instanceof ConflictException) {
      error(ctx, 409, e.getMessage());
    } else if (e instanceof RegistryInputException || e instanceof IllegalArgumentException) {
      error(ctx, 400, e.getMessage());
    } else {
      LOG.error("unexpected error serving {} {}", ctx.request().method(), ctx.request().path(), e);
      error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
    }
  }
}
