package dev.net2net.daemon.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;

/** Daemon events on the Vert.x event bus (safe to publish from worker threads). */
public final class EventBusSink implements EventSink {
  public static final String ADDRESS = "net2net.events";

  private final Vertx vertx;

  public EventBusSink(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void publish(DaemonEvent event) {
    vertx.eventBus().publish(ADDRESS, toJson(event));
  }

  public static JsonObject toJson(DaemonEvent event) {
    return new JsonObject()
        .put("type", event.type())
        .put("model", event.model())
        .put("at", event.at().toString())
        .put("fields", new JsonObject(new java.util.LinkedHashMap<>(event.fields())));
  }

  public static DaemonEvent fromJson(JsonObject json) {
    return new DaemonEvent(
        json.getString("type"),
        json.getString("model"),
        Instant.parse(json.getString("at")),
        json.getJsonObject("fields").getMap());
  }

  /** Calls {@code handler} (on the event loop) for every daemon event. */
  public static void subscribe(Vertx vertx, Consumer<DaemonEvent> handler) {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            ADDRESS, (Message<JsonObject> m) -> handler.accept(fromJson(m.body())));
  }
}
