package dev.net2net.daemon.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools protocol with the JDK's own
 * WebSocket client: no WebDriver, no extra dependency. It opens one page, evaluates JavaScript in
 * it, collects console errors, uncaught exceptions and failed loads, and takes screenshots.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<JsonObject> loads = new CopyOnWriteArrayList<>();

  /** The Chromium binary, if one is installed ({@code $CHROMIUM} first, then Debian's paths). */
  public static Optional<Path> find() {
    return Stream.concat(
            Optional.ofNullable(System.getenv("CHROMIUM")).stream(), CANDIDATES.stream())
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /**
   * Starts Chromium with a fresh profile, a window of the given size, and connects to its blank
   * page.
   */
  public static HeadlessChromium start(Path binary, Path logFile, int width, int height)
      throws Exception {
    Path profile = Files.createTempDirectory("n2n-chromium");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      Instant deadline = Instant.now().plusSeconds(60);
      while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "Chromium did not open its DevTools port; see "
                  + logFile
                  + ":\n"
                  + Files.readString(logFile));
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      HttpClient http = HttpClient.newHttpClient();
      JsonArray targets =
          new JsonArray(
              http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      String page =
          targets.stream()
              .map(JsonObject.class::cast)
              .filter(t -> "page".equals(t.getString("type")))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("Chromium has no page target: " + targets))
              .getString("webSocketDebuggerUrl");
      Listener listener = new Listener();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(page), listener)
              .get(30, TimeUnit.SECONDS);
      HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
      listener.owner = chromium;
      chromium.call("Runtime.enable", new JsonObject());
      chromium.call("Log.enable", new JsonObject());
      chromium.call("Page.enable", new JsonObject());
      chromium.call("Network.enable", new JsonObject());
      return chromium;
    } catch (Exception e) {
      process.destroyForcibly();
      deleteTree(profile);
      throw e;
    }
  }

  /** Sends a DevTools command and waits for its result. */
  public JsonObject call(String method, JsonObject params) throws Exception {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket
        .sendText(
            new JsonObject().put("id", id).put("method", method).put("params", params).encode(),
            true)
        .get(30, TimeUnit.SECONDS);
    JsonObject answer = reply.get(60, TimeUnit.SECONDS);
    if (answer.containsKey("error")) {
      throw new IllegalStateException(
          method + " failed: " + answer.getJsonObject("error").encode());
    }
    return answer.getJsonObject("result");
  }

  /** Opens the URL and waits for its load event. */
  public void navigate(String url) throws Exception {
    loads.clear();
    call("Page.navigate", new JsonObject().put("url", url));
    Instant deadline = Instant.now().plusSeconds(30);
    while (loads.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the page " + url + " did not load within 30 s");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as
   * JSON.
   */
  public Object evaluate(String expression) throws Exception {
    JsonObject result =
        call(
            "Runtime.evaluate",
            new JsonObject()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.containsKey("exceptionDetails")) {
      throw new AssertionError(
          "evaluating `"
              + expression
              + "` threw: "
              + result.getJsonObject("exceptionDetails").encode());
    }
    return result.getJsonObject("result").getValue("value");
  }

  /** Polls {@code condition} (a JavaScript expression) in the page until it is true. */
  public void awaitTrue(Duration limit, String what, String condition) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (!Boolean.TRUE.equals(evaluate("Boolean(" + condition + ")"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after "
                + limit
                + " waiting in the page for "
                + what
                + " ("
                + condition
                + ")");
      }
      Thread.sleep(200);
    }
  }

  /**
   * A PNG of the window. (Capturing beyond the viewport re-lays the page out and loses the scroll
   * position of inner elements, such as the lineage tree's; size the window to fit instead.)
   */
  public byte[] screenshot() throws Exception {
    JsonObject shot = call("Page.captureScreenshot", new JsonObject().put("format", "png"));
    return Base64.getDecoder().decode(shot.getString("data"));
  }

  /** Console errors, uncaught exceptions and failed loads the page has produced so far. */
  public List<String> problems() {
    return new ArrayList<>(problems);
  }

  private void onMessage(JsonObject message) {
    if (message.containsKey("id")) {
      CompletableFuture<JsonObject> reply = pending.remove(message.getLong("id"));
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    String method = message.getString("method", "");
    JsonObject params = message.getJsonObject("params", new JsonObject());
    switch (method) {
      case "Page.loadEventFired" -> loads.add(params);
      case "Runtime.exceptionThrown" ->
          problems.add("uncaught: " + params.getJsonObject("exceptionDetails").encode());
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.getString("type")) || "assert".equals(params.getString("type"))) {
          problems.add(
              "console." + params.getString("type") + ": " + params.getJsonArray("args").encode());
        }
      }
      case "Log.entryAdded" -> {
        JsonObject entry = params.getJsonObject("entry");
        if ("error".equals(entry.getString("level"))) {
          problems.add("log: " + entry.getString("text") + " " + entry.getString("url", ""));
        }
      }
      case "Network.loadingFailed" -> {
        // An event stream closed by navigation or teardown is not a failure of the page.
        if (!Boolean.TRUE.equals(params.getBoolean("canceled"))) {
          problems.add("load failed: " + params.encode());
        }
      }
      default -> {
        // other events are not needed
      }
    }
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject message = new JsonObject(partial.toString());
        partial.setLength(0);
        if (owner != null) {
          owner.onMessage(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendText(
          new JsonObject().put("id", ids.incrementAndGet()).put("method", "Browser.close").encode(),
          true);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
