package dev.net2net.registry.event;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Lookups;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.model.ModelName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The append-only event log. Every registry change appends its event in the same transaction;
 * readers poll with {@link #after}, remembering the last id they saw. Ids become visible in
 * increasing order (see the migration), so such a reader never skips an event. Obtain from {@code
 * Registry.events()}.
 */
public final class Events {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  private final Database database;

  public Events(Database database) {
    this.database = database;
  }

  /**
   * Up to {@code limit} events with ids greater than {@code afterId} (0 for the start), oldest
   * first.
   */
  public List<Event> after(long afterId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return database.autoCommit(
        "reading events after " + afterId,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT e.id, e.occurred_at, e.type, m.name AS model_name, v.version_number, e.payload::text AS payload"
                      + " FROM events e LEFT JOIN models m ON m.id = e.model_id LEFT JOIN model_versions v ON v.id = e.version_id"
                      + " WHERE e.id > ? ORDER BY e.id LIMIT ?")) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new Event(
                        rs.getLong("id"),
                        Rows.instant(rs, "occurred_at"),
                        rs.getString("type"),
                        Optional.ofNullable(rs.getString("model_name")).map(ModelName::new),
                        Rows.optionalInt(rs, "version_number"),
                        JsonDocument.parse(rs.getString("payload"))));
              }
            }
            return events;
          }
        });
  }

  /**
   * The id of the newest event, 0 if the log is empty: where a reader that wants only new events
   * starts.
   */
  public long latestId() {
    return database.autoCommit(
        "reading the latest event id",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM events");
              ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * Appends an event of the caller's own (e.g. {@code daemon.started}, {@code training.epoch});
   * types are dotted lowercase words.
   */
  public long append(String type, Optional<ModelName> model, JsonDocument payload) {
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "invalid event type '" + type + "': use dotted lowercase words, e.g. daemon.started");
    }
    return database.inTransaction(
        "appending a " + type + " event",
        connection -> {
          Optional<Long> modelId = Optional.empty();
          if (model.isPresent()) {
            modelId = Optional.of(Lookups.modelId(connection, model.get()));
          }
          EventLog.append(connection, type, modelId, Optional.empty(), payload);
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT currval('events_id_seq')");
              ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
