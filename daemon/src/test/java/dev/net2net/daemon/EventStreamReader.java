package dev.net2net.daemon;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server-sent-events client for tests: reads {@code id:} and {@code data:} lines as the spec
 * frames them (an event ends at a blank line) on a thread of its own and queues the events.
 */
final class EventStreamReader implements AutoCloseable {
  record Received(long id, JsonObject data) {}

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpResponse<Stream<String>> response;
  private final Thread reader;

  private EventStreamReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static EventStreamReader open(HttpClient http, URI uri, Optional<Long> lastEventId)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
    HttpResponse<Stream<String>> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      String body = String.join("\n", response.body().toList());
      throw new AssertionError("the event stream answered " + response.statusCode() + ": " + body);
    }
    return new EventStreamReader(response);
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  private void read() {
    long id = -1;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) response.body()::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            received.add(new Received(id, new JsonObject(data.toString())));
          }
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException closed) {
      // the stream was closed by the test
    }
  }

  /**
   * Waits for the first event that satisfies {@code wanted}, returning the events seen up to it, in
   * order.
   */
  List<Received> awaitEvent(Duration limit, String what, Predicate<Received> wanted)
      throws InterruptedException {
    List<Received> seen = new ArrayList<>();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      Received next = received.poll(100, TimeUnit.MILLISECONDS);
      if (next != null) {
        seen.add(next);
        if (wanted.test(next)) {
          return seen;
        }
      }
    }
    throw new AssertionError("timed out after " + limit + " waiting for " + what + "; saw " + seen);
  }

  /** Every event that arrives within {@code quiet} of the previous one. */
  List<Received> drain(Duration quiet) throws InterruptedException {
    List<Received> seen = new ArrayList<>();
    for (Received next; (next = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
      seen.add(next);
    }
    return seen;
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
