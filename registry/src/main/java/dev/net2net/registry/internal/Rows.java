package dev.net2net.registry.internal;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.artifact.StoredArtifact;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import dev.net2net.registry.model.VersionStatus;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalDouble;

/** Maps result-set rows to the registry's value types. */
public final class Rows {
  private Rows() {}

  /**
   * The columns {@link #version} reads, with {@code v} the version, {@code m} its model, {@code p}
   * its parent.
   */
  public static final String VERSION_COLUMNS =
      "v.id, m.name AS model_name, v.version_number, p.version_number AS parent_number, v.transform::text AS transform,"
          + " v.architecture, v.parameter_count, v.dataset_rows, v.dataset_digest, v.preservation_error,"
          + " v.status, v.status_reason, v.artifact_sha256, v.artifact_size, v.artifact_uri, v.created_at, v.updated_at";

  public static final String VERSION_FROM =
      " FROM model_versions v JOIN models m ON m.id = v.model_id"
          + " LEFT JOIN model_versions p ON p.id = v.parent_version_id";

  public static ModelVersion version(ResultSet rs) throws SQLException {
    int parent = rs.getInt("parent_number");
    Optional<Integer> parentNumber = rs.wasNull() ? Optional.empty() : Optional.of(parent);
    double error = rs.getDouble("preservation_error");
    OptionalDouble preservationError =
        rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(error);
    return new ModelVersion(
        rs.getLong("id"),
        new VersionRef(new ModelName(rs.getString("model_name")), rs.getInt("version_number")),
        parentNumber,
        Optional.ofNullable(rs.getString("transform"))
            .map(t -> new Transform(JsonDocument.parse(t))),
        rs.getString("architecture"),
        rs.getLong("parameter_count"),
        new DatasetSnapshot(rs.getLong("dataset_rows"), new Sha256(rs.getString("dataset_digest"))),
        preservationError,
        new VersionState(
            VersionStatus.fromLabel(rs.getString("status")),
            Optional.ofNullable(rs.getString("status_reason"))),
        new StoredArtifact(
            new Sha256(rs.getString("artifact_sha256")),
            rs.getLong("artifact_size"),
            URI.create(rs.getString("artifact_uri"))),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }

  public static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  public static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
