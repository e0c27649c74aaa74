package dev.net2net.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object (never an array or scalar), held as compact text: transforms, policy signals, job
 * specifications and event payloads. Stored as {@code jsonb}; two objects are equal if their text
 * is.
 */
public record JsonDocument(String text) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public JsonDocument {
    Objects.requireNonNull(text, "text");
    text = parseObject(text).toString();
  }

  public static JsonDocument parse(String json) {
    return new JsonDocument(json);
  }

  /** Serialises a map of strings, numbers, booleans, lists and nested maps. */
  public static JsonDocument of(Map<String, ?> fields) {
    Objects.requireNonNull(fields, "fields");
    try {
      return new JsonDocument(MAPPER.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + fields + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonDocument empty() {
    return new JsonDocument("{}");
  }

  /** The object as a tree, for reading fields. */
  public ObjectNode tree() {
    return parseObject(text);
  }

  public Optional<String> string(String field) {
    JsonNode node = tree().get(field);
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  public Optional<Number> number(String field) {
    JsonNode node = tree().get(field);
    return node != null && node.isNumber() ? Optional.of(node.numberValue()) : Optional.empty();
  }

  /** A copy with one more (or replaced) field. */
  public JsonDocument with(String field, Object value) {
    ObjectNode tree = tree();
    tree.set(field, MAPPER.valueToTree(value));
    return new JsonDocument(tree.toString());
  }

  private static ObjectNode parseObject(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object ({...}) but got "
              + (node == null
                  ? "nothing"
                  : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return (ObjectNode) node;
  }

  @Override
  public String toString() {
    return text;
  }
}
