package dev.net2net.registry;

import dev.net2net.registry.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, uniquely named database on a real PostgreSQL server, dropped on close. The server is
 * {@code $NET2NET_TEST_PG_URL} (a JDBC URL to any existing database there, used to create and drop
 * ours), by default the local server that {@code scripts/test} starts.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String ADMIN_URL =
      System.getenv()
          .getOrDefault(
              "NET2NET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private final String name;
  private final DatabaseUrl.Jdbc url;

  private TestDatabase(String name, DatabaseUrl.Jdbc url) {
    this.name = name;
    this.url = url;
  }

  public static TestDatabase create(String purpose) {
    String name =
        ("n2n_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    execute("CREATE DATABASE " + name);
    return new TestDatabase(name, new DatabaseUrl.Jdbc(urlOf(name)));
  }

  /** The admin URL with its database replaced by {@code database}. */
  static String urlOf(String database) {
    int slash = ADMIN_URL.indexOf('/', "jdbc:postgresql://".length());
    int query = ADMIN_URL.indexOf('?', slash);
    return ADMIN_URL.substring(0, slash + 1)
        + database
        + (query < 0 ? "" : ADMIN_URL.substring(query));
  }

  public DatabaseUrl.Jdbc url() {
    return url;
  }

  public String name() {
    return name;
  }

  /** A plain JDBC connection to this database, for tests that look underneath the API. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url.url());
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "test database setup failed ("
              + sql
              + ") on "
              + ADMIN_URL
              + "; is PostgreSQL running? (set NET2NET_TEST_PG_URL to use another server)",
          e);
    }
  }
}
