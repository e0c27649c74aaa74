package dev.net2net.registry.internal;

import dev.net2net.registry.JsonDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * Appends to the events table inside the caller's transaction, so an event exists exactly when the
 * change it reports was committed. Call it last in the transaction: the insert trigger takes the
 * event-order lock, which is held until commit.
 */
public final class EventLog {
  private EventLog() {}

  public static void append(
      Connection connection,
      String type,
      Optional<Long> modelId,
      Optional<Long> versionId,
      JsonDocument payload)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO events (type, model_id, version_id, payload) VALUES (?, ?, ?, ?::jsonb)")) {
      statement.setString(1, type);
      setOptionalLong(statement, 2, modelId);
      setOptionalLong(statement, 3, versionId);
      statement.setString(4, payload.text());
      statement.executeUpdate();
    }
  }

  public static void setOptionalLong(PreparedStatement statement, int index, Optional<Long> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }
}
