package dev.net2net.registry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The registry's advisory locks, all in one namespace: (0x4E324E00 = 'N2N\0', n). 1 orders event
 * inserts (taken by the events trigger), 2 serialises migrations, 3 guards the artifact store.
 */
public final class Locks {
  public static final int NAMESPACE = 0x4E324E00;
  public static final int ARTIFACT_STORE = 3;

  private Locks() {}

  /**
   * Registrations hold this shared from before their artifact is written until their transaction
   * ends; the sweep holds it exclusively, so it never sees a written-but-uncommitted artifact as an
   * orphan.
   */
  public static void shareArtifactStore(Connection connection) throws SQLException {
    advisoryTransactionLock(connection, "SELECT pg_advisory_xact_lock_shared(?, ?)");
  }

  public static void lockArtifactStoreExclusively(Connection connection) throws SQLException {
    advisoryTransactionLock(connection, "SELECT pg_advisory_xact_lock(?, ?)");
  }

  private static void advisoryTransactionLock(Connection connection, String sql)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, NAMESPACE);
      statement.setInt(2, ARTIFACT_STORE);
      statement.execute();
    }
  }
}
