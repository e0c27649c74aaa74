package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import io.vertx.ext.web.RoutingContext;

/** The path parameters of the model routes, parsed into the registry's types or refused with a 400. */
final class PathParams {
  private PathParams() {}

  static ModelName model(RoutingContext ctx) {
    try {
      return new ModelName(ctx.pathParam("name"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
    }
  }

  static VersionRef version(RoutingContext ctx) {
    ModelName model = model(ctx);
    String text = ctx.pathParam("version");
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return new VersionRef(model, number);
      }
    } catch (NumberFormatException e) {
      // refused below, with the text as given
    }
    throw new ApiException(ErrorKind.BAD_INPUT, "a version is a positive whole number, got '" + text + "'");
  }

  static AliasName alias(RoutingContext ctx) {
    try {
      return new AliasName(ctx.pathParam("alias"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
    }
  }
}
