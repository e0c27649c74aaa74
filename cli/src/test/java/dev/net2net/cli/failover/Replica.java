package dev.net2net.cli.failover;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One daemon replica as its own process ({@code net2net daemon}, a JVM of its own, loopback only):
 * its configuration file, its log, its HTTP port; started again under the same worker id after a
 * kill, as an operator's supervisor would.
 */
final class Replica {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String id;
  final Path config;
  final Path log;
  final int port;
  private final Path armed;
  private Process process;
  private int starts;

  private Replica(String id, Path config, Path log, int port, Path armed) {
    this.id = id;
    this.config = config;
    this.log = log;
    this.port = port;
    this.armed = armed;
  }

  /**
   * Writes the replica's configuration: its own home (scratch, shard cache), the shared database,
   * artifact store, data folder and policy file, and the short timings the test measures.
   */
  static Replica configure(
      String id,
      Path root,
      String databaseUrl,
      Path artifacts,
      Path policy,
      String model,
      Path data,
      String token,
      Path armed)
      throws IOException {
    Path home = root.resolve(id);
    Files.createDirectories(home);
    int port = freePort();
    Path config = home.resolve("daemon.yaml");
    Files.writeString(
        config,
        String.format(
            Locale.ROOT,
            """
            home: %s
            http: {host: 127.0.0.1, port: %d, token: %s}
            database: {url: "%s"}
            artifacts: %s
            policies: %s
            models:
              - name: %s
                data: %s
                validation: {fashionMnistTest: 500}
                seed: {mlp: {hidden: [32], activation: relu}}
                seedTraining: {epochs: 1, batchSize: 64}
            worker: {id: %s, lease: %s, heartbeat: %s, poll: 250ms}
            leader: {poll: %s, tick: 1s}
            evaluation: {interval: 2s}
            watch: {interval: 500ms}
            """,
            home,
            port,
            token,
            databaseUrl,
            artifacts,
            policy,
            model,
            data,
            id,
            ThreeReplicaFailoverTest.LEASE,
            ThreeReplicaFailoverTest.HEARTBEAT,
            ThreeReplicaFailoverTest.LEADER_POLL));
    return new Replica(id, config, root.resolve(id + ".log"), port, armed);
  }

  void start() throws IOException {
    starts++;
    Path thisLog = starts == 1 ? log : log.resolveSibling(id + "-" + starts + ".log");
    process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-XX:TieredStopAtLevel=1",
                    "-Dnet2net.failpoint=student-training:" + armed,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.net2net.cli.Net2NetCommand",
                    "daemon",
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(thisLog.toFile())
            .start();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no goodbye; the lease and the leader lock are left to expire. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** Whether this replica's log says it stopped at the armed failpoint. */
  boolean atFailpoint() throws IOException {
    Path current = starts == 1 ? log : log.resolveSibling(id + "-" + starts + ".log");
    return Files.exists(current)
        && Files.readString(current).contains("net2net failpoint reached: student-training");
  }

  /** Whether it answers and says it leads the policy engine (its own gauge). */
  boolean leads() {
    return get("/metrics")
        .map(body -> body.lines().anyMatch(l -> l.startsWith("net2net_policy_leader 1.0")))
        .orElse(false);
  }

  boolean ready() {
    return get("/health/live").isPresent();
  }

  Optional<String> get(String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  int post(String path, String token, String body) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
