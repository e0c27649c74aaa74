package dev.net2net.daemon.http;

import dev.net2net.errors.ErrorKind;
import dev.net2net.registry.Registry;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.model.ModelName;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/events}: the registry's event log as server-sent events, live. One poller per
 * daemon reads the log from the oldest cursor among the connected clients (one query per tick, at
 * most {@link #BATCH} events) and hands each client the events after its own cursor, so a hundred
 * open pages cost one query, and a client that reconnects with {@code Last-Event-ID} (or {@code
 * ?after=ID}) gets exactly what it missed. A client that cannot keep up is disconnected rather than
 * buffered for: its browser reconnects with the last id it saw. Everything here runs on the API
 * verticle's event loop except the query, which runs on a worker.
 */
final class EventStream {
  static final int BATCH = 500;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Registry registry;
  private final Duration pollInterval;
  private final Set<Client> clients = new LinkedHashSet<>();
  private boolean polling;
  private long timer = -1;

  EventStream(Vertx vertx, Registry registry, Duration pollInterval) {
    this.vertx = vertx;
    this.registry = registry;
    this.pollInterval = pollInterval;
  }

  private static final class Client {
    final HttpServerResponse response;
    final Optional<ModelName> model;
    long cursor;
    long lastWriteNanos = System.nanoTime();

    Client(HttpServerResponse response, Optional<ModelName> model, long cursor) {
      this.response = response;
      this.model = model;
      this.cursor = cursor;
    }
  }

  void mount(Router router) {
    router.get("/api/events").handler(this::connect);
    timer = vertx.setPeriodic(pollInterval.toMillis(), id -> tick());
  }

  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (Client client : List.copyOf(clients)) {
      client.response.end();
    }
    clients.clear();
  }

  private void connect(RoutingContext ctx) {
    Optional<ModelName> model;
    Optional<Long> after;
    try {
      model =
          ctx.queryParam("model").stream()
              .findFirst()
              .map(
                  text -> {
                    try {
                      return new ModelName(text);
                    } catch (IllegalArgumentException e) {
                      throw new ApiException(ErrorKind.BAD_INPUT, e.getMessage());
                    }
                  });
      after = startingPoint(ctx);
    } catch (ApiException e) {
      HttpReplies.error(ctx, e.kind().httpStatus(), e.getMessage());
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              model.ifPresent(
                  m ->
                      registry
                          .models()
                          .get(m)); // an unknown model is a 404 now, not a stream silent for ever
              return after.orElseGet(registry.events()::latestId);
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                HttpReplies.failure(ctx, ar.cause());
                return;
              }
              HttpServerResponse response = ctx.response();
              if (response.closed()) {
                return; // the client left while its starting point was read
              }
              response
                  .setChunked(true)
                  .putHeader("content-type", "text/event-stream; charset=utf-8")
                  .putHeader("cache-control", "no-cache")
                  .putHeader("x-accel-buffering", "no");
              Client client = new Client(response, model, ar.result());
              clients.add(client);
              response.closeHandler(v -> clients.remove(client));
              response.exceptionHandler(e -> clients.remove(client));
              // The retry hint and a comment flush the headers, so the browser sees the stream open
              // now.
              write(client, "retry: 2000\n: connected at event " + client.cursor + "\n\n");
            });
  }

  private static Optional<Long> startingPoint(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    Optional<String> text =
        Optional.ofNullable(header).or(() -> ctx.queryParam("after").stream().findFirst());
    return text.map(
        t -> {
          try {
            long id = Long.parseLong(t.trim());
            if (id >= 0) {
              return id;
            }
          } catch (NumberFormatException e) {
            // refused below
          }
          throw new ApiException(
              ErrorKind.BAD_INPUT,
              (header != null ? "Last-Event-ID" : "after")
                  + " must be an event id (a whole number"
                  + " 0 or more), got '"
                  + t
                  + "'");
        });
  }

  private void tick() {
    if (clients.isEmpty() || polling) {
      return;
    }
    long from = clients.stream().mapToLong(c -> c.cursor).min().orElseThrow();
    polling = true;
    vertx
        .executeBlocking(() -> registry.events().after(from, BATCH))
        .onComplete(
            ar -> {
              polling = false;
              if (ar.succeeded()) {
                deliver(from, ar.result());
              }
              keepAlive();
            });
  }

  /**
   * Hands each client the batch's events after its cursor; the batch holds the events after {@code
   * from}.
   */
  private void deliver(long from, List<Event> batch) {
    for (Client client : new ArrayList<>(clients)) {
      Slice slice = slice(client.cursor, client.model, from, batch);
      client.cursor = slice.cursor();
      if (!slice.text().isEmpty()) {
        write(client, slice.text());
      }
    }
  }

  /** What one client gets from a batch: the text to send and its cursor afterwards. */
  record Slice(String text, long cursor) {}

  /**
   * The events of {@code batch} (the log's events after {@code from}, in order) that a client at
   * {@code cursor} has not seen, framed as server-sent events, keeping only {@code model}'s if
   * given. The cursor moves past every event looked at, sent or filtered out; a client behind
   * {@code from} (it joined while the batch was read) gets nothing and keeps its cursor, so the
   * next batch starts from it.
   */
  static Slice slice(long cursor, Optional<ModelName> model, long from, List<Event> batch) {
    if (cursor < from) {
      return new Slice("", cursor);
    }
    StringBuilder text = new StringBuilder();
    long next = cursor;
    for (Event event : batch) {
      if (event.id() <= cursor) {
        continue;
      }
      next = event.id();
      if (model.isEmpty() || model.equals(event.model())) {
        text.append("id: ")
            .append(event.id())
            .append('\n')
            .append("data: ")
            .append(json(event).encode())
            .append("\n\n");
      }
    }
    return new Slice(text.toString(), next);
  }

  private void keepAlive() {
    long now = System.nanoTime();
    for (Client client : new ArrayList<>(clients)) {
      if (now - client.lastWriteNanos > KEEP_ALIVE.toNanos()) {
        write(client, ": keep-alive\n\n");
      }
    }
  }

  private void write(Client client, String text) {
    if (client.response.writeQueueFull()) {
      // Too slow to read: let it go; its EventSource reconnects with the last id it received.
      clients.remove(client);
      client.response.reset();
      return;
    }
    client.lastWriteNanos = System.nanoTime();
    client.response.write(text).onFailure(e -> clients.remove(client));
  }

  static JsonObject json(Event event) {
    return new JsonObject()
        .put("id", event.id())
        .put("type", event.type())
        .put("model", event.model().map(ModelName::value).orElse(null))
        .put("version", event.version().orElse(null))
        .put("occurredAt", event.occurredAt().toString())
        .put("payload", new JsonObject(event.payload().text()));
  }
}
