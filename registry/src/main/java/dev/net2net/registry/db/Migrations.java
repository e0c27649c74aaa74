package dev.net2net.registry.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations packaged by the {@code migrations} module ({@code
 * classpath:db/migration}).
 *
 * <p>Several daemon replicas (or a daemon and {@code net2net migrate}) may start at once. Flyway
 * locks its history table, but two processes racing on an <em>empty</em> database can both try to
 * create that table. So every migration first takes a session-level advisory lock of our own on a
 * dedicated connection: the second process waits, then finds nothing pending.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** (classid, objid) of the migration lock: 'N2N\0' and 2. */
  private static final int LOCK_CLASS = 0x4E324E00;

  private static final int LOCK_MIGRATE = 2;

  private final Database database;

  public Migrations(Database database) {
    this.database = database;
  }

  /** What {@link #migrate()} did. */
  public record Outcome(int applied, Optional<String> schemaVersion) {}

  /** What the database has compared with what this build carries. */
  public record Status(Optional<String> schemaVersion, List<String> pending) {
    public Status {
      pending = List.copyOf(pending);
    }

    public boolean upToDate() {
      return pending.isEmpty();
    }
  }

  /**
   * Applies all pending migrations, logging each one; safe to run concurrently from several
   * processes.
   */
  public Outcome migrate() {
    try (Connection lockConnection = database.openDedicatedConnection("migration lock")) {
      lock(lockConnection);
      Flyway flyway = flyway();
      Status before = status(flyway);
      if (before.upToDate()) {
        log.info(
            "Registry schema of {} is up to date at version {}",
            database.where(),
            before.schemaVersion().orElse("(none)"));
        return new Outcome(0, before.schemaVersion());
      }
      log.info(
          "Migrating the registry schema of {} from version {}: {} migration(s) to apply",
          database.where(),
          before.schemaVersion().orElse("(empty)"),
          before.pending().size());
      MigrateResult result = flyway.migrate();
      Optional<String> version = Optional.ofNullable(result.targetSchemaVersion);
      log.info(
          "Registry schema of {} is now at version {} ({} migration(s) applied)",
          database.where(),
          version.orElse("(none)"),
          result.migrationsExecuted);
      return new Outcome(result.migrationsExecuted, version.or(before::schemaVersion));
    } catch (FlywayException e) {
      throw new dev.net2net.registry.RegistryException(
          "migrating the registry schema of " + database.where() + " failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw SqlErrors.translate("migrating the registry schema", database.where(), e);
    }
  }

  /** The schema version and the migrations not yet applied, without changing anything. */
  public Status status() {
    try {
      return status(flyway());
    } catch (FlywayException e) {
      throw new dev.net2net.registry.RegistryException(
          "reading the schema history of " + database.where() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Fails with a message telling the user to run {@code net2net migrate} if anything is pending.
   */
  public void requireUpToDate() {
    Status status = status();
    if (!status.upToDate()) {
      throw new DatabaseUnavailableException(
          "the registry schema of "
              + database.where()
              + " is "
              + status.schemaVersion().map(v -> "at version " + v).orElse("missing")
              + " and "
              + status.pending().size()
              + " migration(s) are pending ("
              + String.join(", ", status.pending())
              + "): run 'net2net migrate --db-url "
              + database.where()
              + "'");
    }
  }

  private Flyway flyway() {
    // Flyway opens its own connections (it needs two at once: one holds its lock on the history
    // table),
    // so migrating never competes with, or deadlocks on, a small application pool.
    return Flyway.configure()
        .dataSource(database.jdbcUrl().url(), null, null)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .loggers("slf4j")
        .load();
  }

  private static Status status(Flyway flyway) {
    var info = flyway.info();
    Optional<String> current =
        Optional.ofNullable(info.current()).map(m -> m.getVersion().getVersion());
    List<String> pending = Arrays.stream(info.pending()).map(Migrations::describe).toList();
    return new Status(current, pending);
  }

  private static String describe(MigrationInfo migration) {
    return "V" + migration.getVersion().getVersion() + " " + migration.getDescription();
  }

  private static void lock(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
      statement.setInt(1, LOCK_CLASS);
      statement.setInt(2, LOCK_MIGRATE);
      statement.execute();
    }
    // Released when the dedicated connection closes.
  }
}
