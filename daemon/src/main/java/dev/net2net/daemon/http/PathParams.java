package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import io.vertx.ext.web.RoutingContext;

/**
 * The path and query parameters of the routes, parsed into the registry's types or refused with a
 * 400 that quotes what was given.
 */
final class PathParams {
  private PathParams() {}

  static ModelName model(RoutingContext ctx) {
    return model(ctx.pathParam("name"));
  }

  static ModelName model(String text) {
    try {
      return new ModelName(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
    }
  }

  static VersionRef version(RoutingContext ctx) {
    return new VersionRef(model(ctx), versionNumber(ctx.pathParam("version")));
  }

  static int versionNumber(String text) {
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // refused below, with the text as given
    }
    throw new ApiException(
        ErrorKind.BAD_INPUT, "a version is a positive whole number, got '" + text + "'");
  }

  /** The {@code limit} query parameter: 1..1000, default 50. */
  static int limit(RoutingContext ctx) {
    String text = ctx.queryParam("limit").stream().findFirst().orElse("50");
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 1000) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below, with the text as given
    }
    throw new ApiException(
        ErrorKind.BAD_INPUT, "limit must be a whole number 1..1000, got '" + text + "'");
  }

  static AliasName alias(RoutingContext ctx) {
    try {
      return new AliasName(ctx.pathParam("alias"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
    }
  }
}
