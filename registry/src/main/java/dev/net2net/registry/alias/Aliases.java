package dev.net2net.registry.alias;

import dev.net2net.registry.ConflictException;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Lookups;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aliases ({@code champion} and user-defined) moved by compare-and-set, every move recorded. Obtain
 * from {@code Registry.aliases()}.
 */
public final class Aliases {
  private final Database database;

  public Aliases(Database database) {
    this.database = database;
  }

  /**
   * Points {@code alias} at {@code target} if it currently names {@code expected} (or, for an empty
   * {@code expected}, if it is not set yet). Of two moves from the same expected value exactly one
   * wins; the loser changes nothing and learns the current value. The target must be a candidate or
   * ready: an alias never names a version that is training, rejected or failed.
   */
  public AliasMoveResult move(
      AliasName alias,
      VersionRef target,
      Optional<Integer> expected,
      String movedBy,
      String reason) {
    if (movedBy == null || movedBy.isBlank()) {
      throw new IllegalArgumentException("moving an alias needs the name of who moves it");
    }
    return database.inTransaction(
        "moving alias '" + alias + "' of model '" + target.model() + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, target.model());
          long targetId = Lookups.versionId(connection, modelId, target);
          requireServable(connection, targetId, target);
          Optional<Long> expectedId = Optional.empty();
          if (expected.isPresent()) {
            expectedId =
                Optional.of(
                    Lookups.versionId(
                        connection, modelId, new VersionRef(target.model(), expected.get())));
          }
          boolean moved =
              expectedId.isPresent()
                  ? compareAndSet(connection, modelId, alias, expectedId.get(), targetId)
                  : insertIfAbsent(connection, modelId, alias, targetId);
          if (!moved) {
            return new AliasMoveResult(false, current(connection, modelId, alias));
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO alias_moves (model_id, alias, from_version_id, to_version_id, moved_by, reason)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, modelId);
            statement.setString(2, alias.value());
            EventLog.setOptionalLong(statement, 3, expectedId);
            statement.setLong(4, targetId);
            statement.setString(5, movedBy);
            statement.setString(6, reason == null ? "" : reason);
            statement.executeUpdate();
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("model", target.model().value());
          payload.put("alias", alias.value());
          expected.ifPresent(e -> payload.put("from", e));
          payload.put("to", target.number());
          payload.put("moved_by", movedBy);
          EventLog.append(
              connection,
              "alias.moved",
              Optional.of(modelId),
              Optional.of(targetId),
              JsonDocument.of(payload));
          return new AliasMoveResult(true, Optional.of(target.number()));
        });
  }

  /** The version number the alias names, if it is set. */
  public Optional<Integer> resolve(ModelName model, AliasName alias) {
    return database.autoCommit(
        "reading alias '" + alias + "' of model '" + model + "'",
        connection -> current(connection, Lookups.modelId(connection, model), alias));
  }

  /** All aliases of the model and the version numbers they name. */
  public Map<AliasName, Integer> list(ModelName model) {
    return database.autoCommit(
        "listing aliases of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT a.name, v.version_number FROM aliases a JOIN model_versions v ON v.id = a.version_id"
                      + " WHERE a.model_id = ? ORDER BY a.name")) {
            statement.setLong(1, modelId);
            Map<AliasName, Integer> aliases = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                aliases.put(new AliasName(rs.getString(1)), rs.getInt(2));
              }
            }
            return aliases;
          }
        });
  }

  /** Every move of the alias, oldest first. */
  public List<AliasMove> history(ModelName model, AliasName alias) {
    return database.autoCommit(
        "reading the history of alias '" + alias + "' of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT am.id, f.version_number AS from_number, t.version_number AS to_number, am.moved_by, am.reason, am.moved_at"
                      + " FROM alias_moves am LEFT JOIN model_versions f ON f.id = am.from_version_id"
                      + " JOIN model_versions t ON t.id = am.to_version_id"
                      + " WHERE am.model_id = ? AND am.alias = ? ORDER BY am.id")) {
            statement.setLong(1, modelId);
            statement.setString(2, alias.value());
            List<AliasMove> moves = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                moves.add(
                    new AliasMove(
                        rs.getLong("id"),
                        model,
                        alias,
                        Rows.optionalInt(rs, "from_number"),
                        rs.getInt("to_number"),
                        rs.getString("moved_by"),
                        rs.getString("reason"),
                        Rows.instant(rs, "moved_at")));
              }
            }
            return moves;
          }
        });
  }

  private static void requireServable(Connection connection, long versionId, VersionRef target)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT status FROM model_versions WHERE id = ?")) {
      statement.setLong(1, versionId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        VersionStatus status = VersionStatus.fromLabel(rs.getString(1));
        if (status != VersionStatus.READY && status != VersionStatus.CANDIDATE) {
          throw new ConflictException(
              "version "
                  + target
                  + " is "
                  + status.label()
                  + ": an alias can name only a candidate or ready version");
        }
      }
    }
  }

  // Under READ COMMITTED a concurrent UPDATE of the same row waits for the first to commit, then
  // re-checks the WHERE clause against the new row: the second mover sees version_id changed and
  // updates nothing. That is the compare-and-set.
  private static boolean compareAndSet(
      Connection connection, long modelId, AliasName alias, long expectedId, long targetId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE aliases SET version_id = ?, moved_at = clock_timestamp()"
                + " WHERE model_id = ? AND name = ? AND version_id = ?")) {
      statement.setLong(1, targetId);
      statement.setLong(2, modelId);
      statement.setString(3, alias.value());
      statement.setLong(4, expectedId);
      return statement.executeUpdate() == 1;
    }
  }

  // A concurrent insert of the same key waits for the first to commit and then does nothing.
  private static boolean insertIfAbsent(
      Connection connection, long modelId, AliasName alias, long targetId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO aliases (model_id, name, version_id) VALUES (?, ?, ?) ON CONFLICT (model_id, name) DO NOTHING")) {
      statement.setLong(1, modelId);
      statement.setString(2, alias.value());
      statement.setLong(3, targetId);
      return statement.executeUpdate() == 1;
    }
  }

  private static Optional<Integer> current(Connection connection, long modelId, AliasName alias)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT v.version_number FROM aliases a JOIN model_versions v ON v.id = a.version_id"
                + " WHERE a.model_id = ? AND a.name = ?")) {
      statement.setLong(1, modelId);
      statement.setString(2, alias.value());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }
}
