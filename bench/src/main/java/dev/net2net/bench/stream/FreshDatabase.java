package dev.net2net.bench.stream;

import dev.net2net.registry.db.DatabaseUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The registry database of one stream run, fresh every time: a new database on a PostgreSQL server
 * (created through an administrative URL, dropped when the run ends), or an embedded PostgreSQL in
 * the run's folder.
 */
final class FreshDatabase implements AutoCloseable {
  /** The local server {@code scripts/test} starts, unless {@code NET2NET_TEST_PG_URL} names one. */
  static final String DEFAULT_ADMIN_URL =
      System.getenv()
          .getOrDefault(
              "NET2NET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private final String admin;
  private final String name;
  private final DatabaseUrl url;

  private FreshDatabase(String admin, String name, DatabaseUrl url) {
    this.admin = admin;
    this.name = name;
    this.url = url;
  }

  /**
   * {@code where} is {@code embedded} (a server of its own under {@code folder}) or a JDBC URL to
   * any database of a server on which this user may create databases.
   */
  static FreshDatabase create(String where, String purpose, Path folder) {
    if (where.equals("embedded")) {
      return new FreshDatabase(null, null, new DatabaseUrl.Embedded(folder.resolve("postgres")));
    }
    String name =
        ("n2n_stream_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    execute(where, "CREATE DATABASE " + name);
    return new FreshDatabase(where, name, new DatabaseUrl.Jdbc(replaceDatabase(where, name)));
  }

  DatabaseUrl url() {
    return url;
  }

  /** What the page says about the database. */
  String describe() {
    return admin == null
        ? "an embedded PostgreSQL in the run's folder"
        : "a fresh database on " + new DatabaseUrl.Jdbc(admin).redacted() + "'s server";
  }

  static String replaceDatabase(String jdbcUrl, String database) {
    int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
    int query = jdbcUrl.indexOf('?', slash);
    return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
  }

  @Override
  public void close() {
    if (admin != null) {
      execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static void execute(String admin, String sql) {
    try (Connection connection = DriverManager.getConnection(admin);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot "
              + sql
              + " on "
              + new DatabaseUrl.Jdbc(admin).redacted()
              + " ("
              + e.getMessage()
              + "); is PostgreSQL running? (--database embedded runs one of its own)",
          e);
    }
  }
}
