package dev.net2net.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package) in a child process, with its data in a
 * folder of the caller's, and a client for its HTTP API. {@link #close} ends the process it started
 * and only that one.
 */
final class PrometheusServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  static final String MISSING =
      "is missing: install Debian's 'prometheus' package (apt-get install prometheus;"
          + " scripts/test does it) to run the dashboard tests";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Ends the child if the test JVM exits without reaching close() (killed run, System.exit). */
  private final Thread reaper;

  private PrometheusServer(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
    this.reaper = new Thread(process::destroyForcibly, "prometheus-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts Prometheus on {@code config}, keeping its TSDB and log under {@code work}, and waits
   * until it is ready.
   */
  static PrometheusServer start(Path config, Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " " + MISSING);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path log = work.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server =
        new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
    try {
      server.awaitReady(Duration.ofSeconds(60));
    } catch (RuntimeException | Error | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Prometheus exited with status " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/-/ready"))
                    .GET()
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Prometheus was not ready after " + limit + ":\n" + logTail());
      }
      Thread.sleep(200);
    }
  }

  /**
   * An error Prometheus reported for a query (bad syntax, unknown function, ...), with its own
   * words.
   */
  static final class QueryError extends Exception {
    QueryError(String message) {
      super(message);
    }
  }

  /** Evaluates {@code promql} at the server's now; the {@code data} of the answer. */
  JsonNode query(String promql) throws QueryError, IOException, InterruptedException {
    return api(
        HttpRequest.newBuilder(base.resolve("/api/v1/query"))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))));
  }

  /** The values of {@code label} on series matching {@code selector}. */
  List<String> labelValues(String label, String selector)
      throws QueryError, IOException, InterruptedException {
    // This endpoint takes GET only (POST arrived in later Prometheus releases than Debian's).
    JsonNode data =
        api(
            HttpRequest.newBuilder(
                    base.resolve(
                        "/api/v1/label/"
                            + label
                            + "/values?match[]="
                            + URLEncoder.encode(selector, StandardCharsets.UTF_8)))
                .GET());
    List<String> values = new ArrayList<>();
    data.forEach(v -> values.add(v.asText()));
    return values;
  }

  private JsonNode api(HttpRequest.Builder request)
      throws QueryError, IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new QueryError("HTTP " + r.statusCode() + " with a body that is not JSON: " + r.body());
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryError(
          body.path("errorType").asText("error") + ": " + body.path("error").asText(r.body()));
    }
    if (body.path("warnings").size() > 0) {
      throw new QueryError("warnings: " + body.path("warnings"));
    }
    return body.path("data");
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the child process: SIGTERM, then SIGKILL if it has not exited within 15 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook runs anyway and finds the process gone
    }
  }
}
