package dev.net2net.registry.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.net2net.registry.RegistryException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of connections to the registry database (HikariCP), and the embedded server behind it when
 * the URL names one. All registry SQL goes through {@link #inTransaction} or {@link #autoCommit},
 * which translate driver failures into messages naming the action and the (redacted) database.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DatabaseUrl url;
  private final DatabaseUrl.Jdbc jdbcUrl;
  private final Optional<EmbeddedPostgresServer> embedded;
  private final HikariDataSource pool;

  /**
   * The transaction this thread has open, if any: registry calls made inside {@link
   * #inTransaction}'s work join it, so several registry operations (a version, its metrics, the
   * alias move, the job's completion) can commit together or not at all.
   */
  private final ThreadLocal<Connection> ambient = new ThreadLocal<>();

  private Database(
      DatabaseUrl url,
      DatabaseUrl.Jdbc jdbcUrl,
      Optional<EmbeddedPostgresServer> embedded,
      HikariDataSource pool) {
    this.url = url;
    this.jdbcUrl = jdbcUrl;
    this.embedded = embedded;
    this.pool = pool;
  }

  /**
   * Connects (starting or attaching to the embedded server if {@code url} names one) and checks
   * that a connection can be made, so a wrong URL fails here with one clear message rather than
   * later.
   */
  public static Database open(DatabaseUrl url, int maximumPoolSize) {
    Objects.requireNonNull(url, "url");
    if (maximumPoolSize < 1) {
      throw new IllegalArgumentException(
          "maximumPoolSize must be at least 1, was " + maximumPoolSize);
    }
    Optional<EmbeddedPostgresServer> embedded = Optional.empty();
    DatabaseUrl.Jdbc jdbc;
    if (url instanceof DatabaseUrl.Embedded e) {
      EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(e.dataDirectory());
      embedded = Optional.of(server);
      jdbc = server.registryUrl();
    } else {
      jdbc = (DatabaseUrl.Jdbc) url;
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbc.url());
    config.setPoolName("net2net-registry");
    config.setMaximumPoolSize(maximumPoolSize);
    config.setMinimumIdle(Math.min(2, maximumPoolSize));
    config.setConnectionTimeout(10_000);
    config.setAutoCommit(true);
    connectionProperties().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
    try {
      HikariDataSource pool = new HikariDataSource(config);
      log.debug("Connected to {}", url.redacted());
      return new Database(url, jdbc, embedded, pool);
    } catch (HikariPool.PoolInitializationException e) {
      embedded.ifPresent(EmbeddedPostgresServer::close);
      if (e.getCause() instanceof SQLException sql) {
        throw SqlErrors.translate("connecting", url.redacted(), sql);
      }
      throw new RegistryException(
          "connecting to " + url.redacted() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedPostgresServer::close);
      throw e;
    }
  }

  private static Properties connectionProperties() {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "net2net");
    // A wrong host or a firewalled port should fail within seconds, not hang a command line.
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  /** The URL as given (embedded or JDBC). */
  public DatabaseUrl url() {
    return url;
  }

  /** The redacted URL, for messages. */
  public String where() {
    return url.redacted();
  }

  /** The JDBC URL connections are made with (for the embedded server, the one it listens on). */
  DatabaseUrl.Jdbc jdbcUrl() {
    return jdbcUrl;
  }

  public DataSource dataSource() {
    return pool;
  }

  public Optional<EmbeddedPostgresServer> embeddedServer() {
    return embedded;
  }

  /**
   * Runs {@code work} in one transaction (READ COMMITTED), committing if it returns and rolling
   * back if it throws. {@code action} names the work in error messages. Called inside another
   * transaction's work on the same thread, it joins that transaction: the outermost call commits or
   * rolls back.
   */
  public <T> T inTransaction(String action, SqlWork<T> work) {
    Connection open = ambient.get();
    if (open != null) {
      try {
        return work.run(open);
      } catch (SQLException e) {
        throw SqlErrors.translate(action, where(), e);
      }
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      ambient.set(connection);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        ambient.remove();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(action, where(), e);
    }
  }

  /**
   * Runs {@code work} on a pooled connection in auto-commit mode (each statement its own
   * transaction), or, inside {@link #inTransaction}'s work on the same thread, in that transaction
   * (so it sees what the transaction wrote).
   */
  public <T> T autoCommit(String action, SqlWork<T> work) {
    Connection open = ambient.get();
    if (open != null) {
      try {
        return work.run(open);
      } catch (SQLException e) {
        throw SqlErrors.translate(action, where(), e);
      }
    }
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(action, where(), e);
    }
  }

  /**
   * A new connection outside the pool, for session state that must outlive pool housekeeping: a
   * session-level advisory lock (leader election, the migration lock). The caller closes it.
   */
  public Connection openDedicatedConnection(String purpose) {
    try {
      Properties properties = connectionProperties();
      properties.setProperty("ApplicationName", "net2net " + purpose);
      return DriverManager.getConnection(jdbcUrl.url(), properties);
    } catch (SQLException e) {
      throw SqlErrors.translate("opening a connection for " + purpose, where(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  @Override
  public void close() {
    pool.close();
    embedded.ifPresent(EmbeddedPostgresServer::close);
  }

  @Override
  public String toString() {
    return "Database[" + where() + "]";
  }
}
