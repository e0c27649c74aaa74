package dev.net2net.registry.event;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the append-only event log, e.g. {@code version.registered} or {@code alias.moved}.
 */
public record Event(
    long id,
    Instant occurredAt,
    String type,
    Optional<ModelName> model,
    Optional<Integer> version,
    JsonDocument payload) {
  public Event {
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(payload, "payload");
  }
}
