package dev.net2net.registry.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among daemon replicas: a session-level PostgreSQL advisory lock held on a dedicated
 * connection (outside the pool, whose housekeeping would otherwise close it). If that connection
 * dies, PostgreSQL releases the lock and another replica can take over, so a leader must check
 * {@link #isHeld()} before acting and step down when it turns false.
 */
public final class LeaderLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

  private final String name;
  private final Connection connection;

  private LeaderLock(String name, Connection connection) {
    this.name = name;
    this.connection = connection;
  }

  /** Takes the lock named {@code name} if no other session holds it; never waits. */
  public static Optional<LeaderLock> tryAcquire(Database database, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a leader lock needs a name");
    }
    Connection connection = database.openDedicatedConnection("leader lock " + name);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT pg_try_advisory_lock(hashtextextended('net2net.leader:' || ?, 0))")) {
      statement.setString(1, name);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          log.info("Acquired leadership '{}'", name);
          return Optional.of(new LeaderLock(name, connection));
        }
      }
      connection.close();
      return Optional.empty();
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw SqlErrors.translate("taking leadership '" + name + "'", database.where(), e);
    }
  }

  public String name() {
    return name;
  }

  /** True while the connection holding the lock is alive (checked with a round trip). */
  public boolean isHeld() {
    try {
      return !connection.isClosed() && connection.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Releases the lock by closing its connection. */
  @Override
  public void close() {
    try {
      connection.close();
      log.info("Released leadership '{}'", name);
    } catch (SQLException e) {
      log.warn(
          "Closing the connection of leadership '{}' failed ({}); the server releases the lock when the session ends",
          name,
          e.getMessage());
    }
  }
}
