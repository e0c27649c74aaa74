package dev.net2net.cli.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the suite's own (initdb and pg_ctl in a temporary folder, on a free
 * loopback port), so it can be restarted and stopped mid-growth without touching the shared server
 * other work uses. Run as the {@code postgres} user when the suite runs as root (PostgreSQL refuses
 * root).
 */
final class PrivatePostgres implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private final Path log;

  private PrivatePostgres(Path dataDirectory, int port, Path log) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.log = log;
  }

  static PrivatePostgres start(Path folder) throws Exception {
    Path data = folder.resolve("pgdata");
    Files.createDirectories(folder);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PrivatePostgres server = new PrivatePostgres(data, port, folder.resolve("postgres.log"));
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres", folder.toString()));
    }
    server.pg(
        List.of(
            "initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync"));
    server.startServer();
    return server;
  }

  String adminUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  void startServer() throws Exception {
    pg(
        List.of(
            "pg_ctl",
            "-D",
            dataDirectory.toString(),
            "-l",
            log.toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -k "
                + dataDirectory.getParent()
                + " -c fsync=off",
            "start"));
  }

  /** Stops the server at once (open connections are cut, as in a crash of the database host). */
  void stopServer() throws Exception {
    pg(
        List.of(
            "pg_ctl", "-D", dataDirectory.toString(), "-w", "-t", "60", "-m", "immediate", "stop"));
  }

  void restart() throws Exception {
    stopServer();
    startServer();
  }

  private void pg(List<String> command) throws Exception {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Waits until the server answers, for at most {@code limit}. */
  void awaitUp(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      try (Connection c = DriverManager.getConnection(adminUrl())) {
        return;
      } catch (SQLException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the private PostgreSQL did not come up within " + limit);
  }

  @Override
  public void close() {
    try {
      stopServer();
    } catch (Exception ignored) {
      // already stopped
    }
    try (var walk = Files.walk(dataDirectory.getParent())) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
