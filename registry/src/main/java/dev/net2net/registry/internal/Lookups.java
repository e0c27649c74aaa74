package dev.net2net.registry.internal;

import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Name-to-id lookups shared by the registry's services; unknown names become {@link
 * NotFoundException}.
 */
public final class Lookups {
  private Lookups() {}

  public static long modelId(Connection connection, ModelName model) throws SQLException {
    return findModelId(connection, model)
        .orElseThrow(() -> new NotFoundException("unknown model '" + model + "'"));
  }

  public static Optional<Long> findModelId(Connection connection, ModelName model)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT id FROM models WHERE name = ?")) {
      statement.setString(1, model.value());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * The database id of a version; distinguishes an unknown model from an unknown version in the
   * message.
   */
  public static long versionId(Connection connection, VersionRef ref) throws SQLException {
    long modelId = modelId(connection, ref.model());
    return versionId(connection, modelId, ref);
  }

  public static long versionId(Connection connection, long modelId, VersionRef ref)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id FROM model_versions WHERE model_id = ? AND version_number = ?")) {
      statement.setLong(1, modelId);
      statement.setInt(2, ref.number());
      try (ResultSet rs = statement.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    throw new NotFoundException(
        "model '"
            + ref.model()
            + "' has no version "
            + ref.number()
            + latestHint(connection, modelId));
  }

  private static String latestHint(Connection connection, long modelId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT last_version_number FROM models WHERE id = ?")) {
      statement.setLong(1, modelId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        int latest = rs.getInt(1);
        return latest == 0
            ? " (it has no versions yet)"
            : " (its versions are 1 to " + latest + ")";
      }
    }
  }
}
