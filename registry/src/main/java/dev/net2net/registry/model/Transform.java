package dev.net2net.registry.model;

import dev.net2net.registry.JsonDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The transform that made a version from its parent, as a JSON object with at least a non-empty
 * string {@code kind} ("widen", "deepen", "retrain", ...). The conventional fields are {@code
 * layer}, {@code old_width}, {@code new_width}, {@code noise} and {@code seed}; any others are kept
 * as given. The registry does not interpret transforms beyond that, so it needs no DL4J.
 */
public record Transform(JsonDocument json) {
  public Transform {
    Objects.requireNonNull(json, "json");
    if (json.string("kind").filter(k -> !k.isBlank()).isEmpty()) {
      throw new IllegalArgumentException(
          "a transform needs a non-empty string field \"kind\", got " + json);
    }
  }

  public static Transform parse(String json) {
    return new Transform(JsonDocument.parse(json));
  }

  public static Transform of(Map<String, ?> fields) {
    return new Transform(JsonDocument.of(fields));
  }

  /** A widening of {@code layer} from {@code oldWidth} to {@code newWidth} units. */
  public static Transform widen(String layer, int oldWidth, int newWidth, double noise, long seed) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", "widen");
    fields.put("layer", layer);
    fields.put("old_width", oldWidth);
    fields.put("new_width", newWidth);
    fields.put("noise", noise);
    fields.put("seed", seed);
    return of(fields);
  }

  /** A new identity-initialised layer after {@code layer}. */
  public static Transform deepen(String layer, double noise, long seed) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", "deepen");
    fields.put("layer", layer);
    fields.put("noise", noise);
    fields.put("seed", seed);
    return of(fields);
  }

  public String kind() {
    return json.string("kind").orElseThrow();
  }

  public Optional<String> layer() {
    return json.string("layer").or(() -> json.number("layer").map(Number::toString));
  }

  public OptionalInt oldWidth() {
    return json.number("old_width")
        .map(n -> OptionalInt.of(n.intValue()))
        .orElse(OptionalInt.empty());
  }

  public OptionalInt newWidth() {
    return json.number("new_width")
        .map(n -> OptionalInt.of(n.intValue()))
        .orElse(OptionalInt.empty());
  }

  public OptionalDouble noise() {
    return json.number("noise")
        .map(n -> OptionalDouble.of(n.doubleValue()))
        .orElse(OptionalDouble.empty());
  }

  public OptionalLong seed() {
    return json.number("seed")
        .map(n -> OptionalLong.of(n.longValue()))
        .orElse(OptionalLong.empty());
  }

  /** One line for listings: {@code widen dense_1 64->128}. */
  public String summary() {
    StringBuilder text = new StringBuilder(kind());
    layer().ifPresent(l -> text.append(' ').append(l));
    if (oldWidth().isPresent() && newWidth().isPresent()) {
      text.append(' ').append(oldWidth().getAsInt()).append("->").append(newWidth().getAsInt());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return json.text();
  }
}
