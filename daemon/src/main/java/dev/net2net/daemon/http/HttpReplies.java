package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.ErrorKinds;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON error replies of the routes that live beside {@link ApiVerticle} (artifacts, the lineage
 * page, the event stream): the same body, {@code {"error": "...", "status": N}}, and the same
 * status for a failure's {@link ErrorKind}, so a client sees one API.
 */
final class HttpReplies {
  private static final Logger LOG = LoggerFactory.getLogger(HttpReplies.class);

  private HttpReplies() {}

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset(); // a body is under way: cut it rather than append an error to it
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).put("status", status).encode());
  }

  /** Replies to a failed piece of work with the status its kind stands for. */
  static void failure(RoutingContext ctx, Throwable failure) {
    Throwable e = ErrorKinds.unwrap(failure);
    ErrorKind kind = ErrorKinds.of(e);
    if (kind == ErrorKind.INTERNAL) {
      LOG.error("unexpected error serving {} {}", ctx.request().method(), ctx.request().path(), e);
      error(ctx, kind.httpStatus(), "internal error: " + e.getClass().getSimpleName());
      return;
    }
    if (kind == ErrorKind.CORRUPT || kind == ErrorKind.UNAVAILABLE) {
      LOG.error("{} {}: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
    }
    error(ctx, kind.httpStatus(), e.getMessage());
  }
}
