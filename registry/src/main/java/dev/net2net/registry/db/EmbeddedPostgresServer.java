package dev.net2net.registry.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (zonky binaries) whose data directory persists on local disk.
 *
 * <p>Several processes may want the same data directory at once (the demo runs while someone types
 * {@code net2net registry list}). Only one postmaster may own a data directory, so {@link
 * #startOrAttach} first looks for a live one: PostgreSQL itself writes {@code postmaster.pid} in
 * the data directory with the port on its fourth line, and we confirm by connecting and comparing
 * {@code data_directory}. Only if none answers do we start one. The decision is made while holding
 * an exclusive lock on the file {@code DIR.lock} beside the data directory, so two processes
 * starting at the same moment do not both try to start a server: the second waits, then attaches.
 *
 * <p>The process that started the server stops it when it closes (or exits); a process that
 * attached never stops it. A server left running by a killed owner is simply attached to by the
 * next process.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** The database inside the embedded cluster that holds the registry. */
  public static final String DATABASE = "net2net";

  private static final String SUPERUSER = "postgres";
  // FileChannel locks are per process; threads of one JVM are serialised by this lock instead.
  private static final ReentrantLock IN_PROCESS_START_LOCK = new ReentrantLock();

  private final Path dataDirectory;
  private final int port;
  private final Optional<EmbeddedPostgres> owned;

  private EmbeddedPostgresServer(Path dataDirectory, int port, Optional<EmbeddedPostgres> owned) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.owned = owned;
  }

  /**
   * Attaches to the server running on {@code dataDirectory}, or starts one (running initdb if new).
   */
  public static EmbeddedPostgresServer startOrAttach(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    IN_PROCESS_START_LOCK.lock();
    try {
      Files.createDirectories(directory.getParent());
      Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        Optional<Integer> running = runningServerPort(directory);
        EmbeddedPostgresServer server;
        if (running.isPresent()) {
          log.info(
              "Using the embedded PostgreSQL already running on port {} for {}",
              running.get(),
              directory);
          server = new EmbeddedPostgresServer(directory, running.get(), Optional.empty());
        } else {
          server = start(directory);
        }
        server.ensureRegistryDatabase();
        return server;
      }
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot start the embedded PostgreSQL in " + directory + ": " + e.getMessage(), e);
    } finally {
      IN_PROCESS_START_LOCK.unlock();
    }
  }

  private static EmbeddedPostgresServer start(Path directory) throws IOException {
    boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
    log.info(
        fresh
            ? "Creating an embedded PostgreSQL in {} (first use; this takes a few seconds)"
            : "Starting the embedded PostgreSQL in {}",
        directory);
    Path serverLog = directory.resolveSibling(directory.getFileName() + ".log");
    ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(serverLog.toFile());
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setOutputRedirector(toLog)
              .setErrorRedirector(toLog)
              .setServerConfig("listen_addresses", "localhost")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (RuntimeException e) {
      // zonky reports a failed initdb or pg_ctl as an unchecked exception; its output is in the
      // log.
      throw new IOException(e.getMessage() + " (see " + serverLog + ")", e);
    }
    log.info(
        "Embedded PostgreSQL listening on localhost:{} (server log: {})",
        postgres.getPort(),
        serverLog);
    return new EmbeddedPostgresServer(directory, postgres.getPort(), Optional.of(postgres));
  }

  /**
   * The port of a live postmaster serving {@code directory}, if any. A {@code postmaster.pid} left
   * by a crashed server names a port where nothing (or another cluster) answers; then there is
   * none.
   */
  static Optional<Integer> runningServerPort(Path directory) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(directory.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 4) {
      return Optional
          .empty(); // being written by a postmaster that is starting; treat as not running
    }
    int port;
    try {
      port = Integer.parseInt(lines.get(3).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    try (Connection connection = connect(port, "postgres");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('data_directory')")) {
      rs.next();
      Path served = Path.of(rs.getString(1)).toRealPath();
      return served.equals(directory.toRealPath()) ? Optional.of(port) : Optional.empty();
    } catch (SQLException e) {
      log.info(
          "Found {} naming port {}, but no server answers there ({}); starting a new one",
          directory.resolve("postmaster.pid"),
          port,
          e.getMessage());
      return Optional.empty();
    }
  }

  private void ensureRegistryDatabase() throws IOException {
    try (Connection connection = connect(port, "postgres");
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
      log.info("Created database '{}' in the embedded PostgreSQL", DATABASE);
    } catch (SQLException e) {
      if (!"42P04"
          .equals(e.getSQLState())) { // duplicate_database: another process created it first
        throw new IOException("cannot create database '" + DATABASE + "': " + e.getMessage(), e);
      }
    }
  }

  private static Connection connect(int port, String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbcUrl(port, database), properties);
  }

  private static String jdbcUrl(int port, String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  /** The JDBC URL of the registry database in this server. */
  public DatabaseUrl.Jdbc registryUrl() {
    return new DatabaseUrl.Jdbc(jdbcUrl(port, DATABASE));
  }

  public int port() {
    return port;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** True if this process started the server (and will stop it on close). */
  public boolean startedHere() {
    return owned.isPresent();
  }

  @Override
  public void close() {
    if (owned.isPresent()) {
      try {
        log.info("Stopping the embedded PostgreSQL in {}", dataDirectory);
        owned.get().close();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot stop the embedded PostgreSQL in " + dataDirectory, e);
      }
    }
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL on localhost:"
        + port
        + " ("
        + dataDirectory
        + ", "
        + (startedHere() ? "started by this process" : "attached")
        + ")";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddedPostgresServer that
        && port == that.port
        && dataDirectory.equals(that.dataDirectory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataDirectory, port);
  }
}
