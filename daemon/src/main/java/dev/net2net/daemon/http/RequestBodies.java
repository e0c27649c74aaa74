package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Optional;

/** Request bodies and the values in them, parsed exactly or refused with a 400 that says why. */
final class RequestBodies {
  private RequestBodies() {}

  static JsonObject object(RoutingContext ctx) {
    return optionalObject(ctx)
        .orElseThrow(() -> new ApiException(ErrorKind.BAD_INPUT, "a JSON object body is required"));
  }

  static Optional<JsonObject> optionalObject(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException(
          ErrorKind.BAD_INPUT, "the body is not a JSON object: " + firstLine(e.getMessage()));
    }
  }

  static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  /**
   * A version number in a JSON body, exactly: an integer literal in 1..2147483647. A fraction
   * (2.9), an exponent (2e0) or a number out of range (4294967299) is refused, never rounded or
   * truncated, because the alias move it feeds is a compare-and-set that a nearby number would
   * defeat.
   */
  static int versionField(Object value, String field) {
    if (value instanceof Integer i && i >= 1) {
      return i;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      throw new ApiException(
          ErrorKind.BAD_INPUT,
          "'" + field + "' must be a version number 1.." + Integer.MAX_VALUE + ", got " + value);
    }
    if (value instanceof Number) {
      throw new ApiException(
          ErrorKind.BAD_INPUT,
          "'"
              + field
              + "' must be a whole number written without a fraction or exponent, got "
              + value);
    }
    throw new ApiException(
        ErrorKind.BAD_INPUT,
        "'"
            + field
            + "' must be a positive whole number, got "
            + (value == null
                ? "null"
                : value instanceof String
                    ? "a string"
                    : "a "
                        + value
                            .getClass()
                            .getSimpleName()
                            .replace("JsonObject", "JSON object")
                            .replace("JsonArray", "JSON array")));
  }
}
