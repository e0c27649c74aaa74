package dev.net2net.registry.model;

import dev.net2net.registry.ConflictException;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.artifact.ArtifactStore;
import dev.net2net.registry.artifact.StoredArtifact;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Locks;
import dev.net2net.registry.internal.Lookups;
import dev.net2net.registry.internal.Rows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

// Longer than 400 lines because each query and update of model versions is one SQL statement with
// its row mapping, and registration (artifact first, then the row, in one transaction) must stay
// next to the reads that rely on its ordering.
/**
 * Model versions: registration (with the artifact), reads, status changes, metrics and lineage.
 * Obtain from {@code Registry.versions()}.
 */
public final class Versions {
  private final Database database;
  private final ArtifactStore artifacts;

  public Versions(Database database, ArtifactStore artifacts) {
    this.database = database;
    this.artifacts = artifacts;
  }

  /**
   * Registers a version of an existing model, numbered one above the model's latest.
   *
   * <p>Order of work, in one transaction: check the model and parent exist (so a bad request writes
   * nothing); write the artifact durably (before any row names it); advance the model's version
   * counter (the row lock that serialises concurrent registrations is taken only now, after the
   * slow file I/O); insert the version and its event; commit. If the process dies anywhere before
   * the commit, the database holds nothing new and the artifact file, if written, is an orphan the
   * sweep removes.
   */
  public ModelVersion register(NewVersion request, ArtifactSource artifact) {
    return database.inTransaction(
        "registering a version of model '" + request.model() + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, request.model());
          Optional<Long> parentId = Optional.empty();
          if (request.parent().isPresent()) {
            parentId =
                Optional.of(
                    Lookups.versionId(
                        connection,
                        modelId,
                        new VersionRef(request.model(), request.parent().get())));
          }
          Locks.shareArtifactStore(connection);
          StoredArtifact stored = artifacts.put(artifact);
          int number = nextVersionNumber(connection, modelId);
          long id = insert(connection, modelId, number, parentId, request, stored);
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("model", request.model().value());
          payload.put("version", number);
          request.parent().ifPresent(p -> payload.put("parent", p));
          request.transform().ifPresent(t -> payload.put("transform", t.kind()));
          payload.put("status", request.state().status().label());
          payload.put("parameters", request.parameterCount());
          payload.put("artifact", stored.sha256().hex());
          EventLog.append(
              connection,
              "version.registered",
              Optional.of(modelId),
              Optional.of(id),
              JsonDocument.of(payload));
          return find(connection, id).orElseThrow();
        });
  }

  private static int nextVersionNumber(Connection connection, long modelId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE models SET last_version_number = last_version_number + 1 WHERE id = ? RETURNING last_version_number")) {
      statement.setLong(1, modelId);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static long insert(
      Connection connection,
      long modelId,
      int number,
      Optional<Long> parentId,
      NewVersion request,
      StoredArtifact stored)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO model_versions (model_id, version_number, parent_version_id, transform, architecture,"
                + " parameter_count, dataset_rows, dataset_digest, preservation_error, status, status_reason,"
                + " artifact_sha256, artifact_size, artifact_uri)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      statement.setLong(1, modelId);
      statement.setInt(2, number);
      EventLog.setOptionalLong(statement, 3, parentId);
      statement.setString(4, request.transform().map(t -> t.json().text()).orElse(null));
      statement.setString(5, request.architecture());
      statement.setLong(6, request.parameterCount());
      statement.setLong(7, request.dataset().rows());
      statement.setString(8, request.dataset().digest().hex());
      if (request.preservationError().isPresent()) {
        statement.setDouble(9, request.preservationError().getAsDouble());
      } else {
        statement.setNull(9, Types.DOUBLE);
      }
      statement.setString(10, request.state().status().label());
      statement.setString(11, request.state().reason().orElse(null));
      statement.setString(12, stored.sha256().hex());
      statement.setLong(13, stored.size());
      statement.setString(14, stored.uri().toString());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public Optional<ModelVersion> find(VersionRef ref) {
    return database.autoCommit(
        "reading version " + ref,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + Rows.VERSION_COLUMNS
                      + Rows.VERSION_FROM
                      + " WHERE m.name = ? AND v.version_number = ?")) {
            statement.setString(1, ref.model().value());
            statement.setInt(2, ref.number());
            try (ResultSet rs = statement.executeQuery()) {
              return rs.next() ? Optional.of(Rows.version(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * The version, or {@link NotFoundException} naming whether the model or the version is unknown.
   */
  public ModelVersion get(VersionRef ref) {
    return database.autoCommit(
        "reading version " + ref,
        connection -> {
          long id = Lookups.versionId(connection, ref);
          return find(connection, id).orElseThrow();
        });
  }

  /** All versions of the model, by number. */
  public List<ModelVersion> list(ModelName model) {
    return database.autoCommit(
        "listing versions of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + Rows.VERSION_COLUMNS
                      + Rows.VERSION_FROM
                      + " WHERE v.model_id = ? ORDER BY v.version_number")) {
            statement.setLong(1, modelId);
            return versions(statement);
          }
        });
  }

  /**
   * Moves the version to {@code next}, if {@link VersionStatus#successors()} allows it from the
   * current status; otherwise {@link ConflictException} and nothing changes.
   */
  public ModelVersion updateState(VersionRef ref, VersionState next) {
    return database.inTransaction(
        "changing the status of " + ref,
        connection -> {
          long id = Lookups.versionId(connection, ref);
          VersionStatus current;
          long modelId;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT status, model_id FROM model_versions WHERE id = ? FOR UPDATE")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              current = VersionStatus.fromLabel(rs.getString(1));
              modelId = rs.getLong(2);
            }
          }
          if (!current.successors().contains(next.status())) {
            throw new ConflictException(
                "version "
                    + ref
                    + " is "
                    + current.label()
                    + " and cannot become "
                    + next.status().label()
                    + (current.isFinal() ? " (" + current.label() + " is final)" : ""));
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE model_versions SET status = ?, status_reason = ?, updated_at = clock_timestamp() WHERE id = ?")) {
            statement.setString(1, next.status().label());
            statement.setString(2, next.reason().orElse(null));
            statement.setLong(3, id);
            statement.executeUpdate();
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("model", ref.model().value());
          payload.put("version", ref.number());
          payload.put("from", current.label());
          payload.put("to", next.status().label());
          next.reason().ifPresent(r -> payload.put("reason", r));
          EventLog.append(
              connection,
              "version.status_changed",
              Optional.of(modelId),
              Optional.of(id),
              JsonDocument.of(payload));
          return find(connection, id).orElseThrow();
        });
  }

  /**
   * Records measurements of the version. A value for the same split, metric and epoch replaces the
   * earlier one: a re-evaluation supersedes it.
   */
  public void recordMetrics(VersionRef ref, List<Metric> metrics) {
    if (metrics.isEmpty()) {
      return;
    }
    database.inTransaction(
        "recording metrics of " + ref,
        connection -> {
          long id = Lookups.versionId(connection, ref);
          try (PreparedStatement withEpoch =
                  connection.prepareStatement(
                      "INSERT INTO version_metrics (version_id, split, metric, epoch, value) VALUES (?, ?, ?, ?, ?)"
                          + " ON CONFLICT (version_id, split, metric, epoch) WHERE epoch IS NOT NULL"
                          + " DO UPDATE SET value = EXCLUDED.value, recorded_at = clock_timestamp()");
              PreparedStatement finalValue =
                  connection.prepareStatement(
                      "INSERT INTO version_metrics (version_id, split, metric, epoch, value) VALUES (?, ?, ?, NULL, ?)"
                          + " ON CONFLICT (version_id, split, metric) WHERE epoch IS NULL"
                          + " DO UPDATE SET value = EXCLUDED.value, recorded_at = clock_timestamp()")) {
            for (Metric metric : metrics) {
              if (metric.epoch().isPresent()) {
                withEpoch.setLong(1, id);
                withEpoch.setString(2, metric.split());
                withEpoch.setString(3, metric.name());
                withEpoch.setInt(4, metric.epoch().getAsInt());
                withEpoch.setDouble(5, metric.value());
                withEpoch.addBatch();
              } else {
                finalValue.setLong(1, id);
                finalValue.setString(2, metric.split());
                finalValue.setString(3, metric.name());
                finalValue.setDouble(4, metric.value());
                finalValue.addBatch();
              }
            }
            withEpoch.executeBatch();
            finalValue.executeBatch();
          }
          return null;
        });
  }

  /** The version's metrics ordered by split, metric, then epoch with the final value last. */
  public List<Metric> metrics(VersionRef ref) {
    return database.autoCommit(
        "reading metrics of " + ref,
        connection -> metrics(connection, Lookups.versionId(connection, ref)));
  }

  /**
   * Every metric of every version of the model in one query, keyed by version number (versions
   * without metrics are absent), each list ordered as {@link #metrics(VersionRef)} orders it.
   */
  public Map<Integer, List<Metric>> metricsOfModel(ModelName model) {
    return database.autoCommit(
        "reading the metrics of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT v.version_number, x.split, x.metric, x.epoch, x.value FROM version_metrics x"
                      + " JOIN model_versions v ON v.id = x.version_id WHERE v.model_id = ?"
                      + " ORDER BY v.version_number, x.split, x.metric, x.epoch NULLS LAST")) {
            statement.setLong(1, modelId);
            Map<Integer, List<Metric>> byVersion = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                byVersion
                    .computeIfAbsent(rs.getInt("version_number"), n -> new ArrayList<>())
                    .add(metric(rs));
              }
            }
            return byVersion;
          }
        });
  }

  /** The version with its metrics and the aliases naming it. */
  public VersionDetails details(VersionRef ref) {
    return database.inTransaction(
        "reading version " + ref,
        connection -> {
          long id = Lookups.versionId(connection, ref);
          ModelVersion version = find(connection, id).orElseThrow();
          List<AliasName> aliases = new ArrayList<>();
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT name FROM aliases WHERE version_id = ? ORDER BY name")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                aliases.add(new AliasName(rs.getString(1)));
              }
            }
          }
          return new VersionDetails(version, metrics(connection, id), aliases);
        });
  }

  /**
   * Ancestors and descendants at any depth, each found by one recursive query that follows the
   * parent link through indexes (primary key upward, {@code model_versions_parent_idx} downward).
   */
  public Lineage lineage(VersionRef ref) {
    return database.inTransaction(
        "reading the lineage of " + ref,
        connection -> {
          long id = Lookups.versionId(connection, ref);
          ModelVersion version = find(connection, id).orElseThrow();
          List<ModelVersion> ancestors;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "WITH RECURSIVE chain (id, distance) AS ("
                      + "   SELECT parent_version_id, 1 FROM model_versions WHERE id = ? AND parent_version_id IS NOT NULL"
                      + "   UNION ALL"
                      + "   SELECT a.parent_version_id, c.distance + 1 FROM chain c JOIN model_versions a ON a.id = c.id"
                      + "    WHERE a.parent_version_id IS NOT NULL)"
                      + " SELECT "
                      + Rows.VERSION_COLUMNS
                      + Rows.VERSION_FROM
                      + " JOIN chain c ON c.id = v.id"
                      + " ORDER BY c.distance DESC")) {
            statement.setLong(1, id);
            ancestors = versions(statement);
          }
          List<ModelVersion> descendants;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "WITH RECURSIVE tree (id) AS ("
                      + "   SELECT id FROM model_versions WHERE parent_version_id = ?"
                      + "   UNION ALL"
                      + "   SELECT d.id FROM tree t JOIN model_versions d ON d.parent_version_id = t.id)"
                      + " SELECT "
                      + Rows.VERSION_COLUMNS
                      + Rows.VERSION_FROM
                      + " JOIN tree t ON t.id = v.id"
                      + " ORDER BY v.version_number")) {
            statement.setLong(1, id);
            descendants = versions(statement);
          }
          return new Lineage(ancestors, version, descendants);
        });
  }

  /** The artifact's bytes, verified against the recorded checksum and size. */
  public byte[] readArtifact(VersionRef ref) {
    ModelVersion version = get(ref);
    return withContext(
        ref, () -> artifacts.read(version.artifact().sha256(), version.artifact().size()));
  }

  /**
   * The artifact's path after verifying it, for loaders that read files (DL4J's ModelSerializer).
   */
  public Path verifiedArtifactPath(VersionRef ref) {
    ModelVersion version = get(ref);
    return withContext(
        ref, () -> artifacts.verifiedPath(version.artifact().sha256(), version.artifact().size()));
  }

  /**
   * Copies the verified artifact to {@code destination} (which appears only if the bytes are
   * intact).
   */
  public ModelVersion exportArtifact(VersionRef ref, Path destination) {
    ModelVersion version = get(ref);
    withContext(
        ref,
        () -> {
          artifacts.export(version.artifact().sha256(), version.artifact().size(), destination);
          return null;
        });
    return version;
  }

  /**
   * Copies the verified artifact to {@code destination} from where the registry recorded it ({@code
   * artifact_uri}), whatever this registry's own artifact root is: a version stored by a daemon
   * with another home is found all the same.
   */
  public ModelVersion exportRecordedArtifact(VersionRef ref, Path destination) {
    ModelVersion version = get(ref);
    ArtifactStore recorded = ArtifactStore.recordedStoreOf(version.artifact()).orElse(artifacts);
    withContext(
        ref,
        () -> {
          recorded.export(version.artifact().sha256(), version.artifact().size(), destination);
          return null;
        });
    return version;
  }

  private static <T> T withContext(VersionRef ref, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (dev.net2net.registry.artifact.ArtifactIntegrityException e) {
      throw new dev.net2net.registry.artifact.ArtifactIntegrityException(
          e.problem(), e.expected(), "the artifact of " + ref + ": " + e.getMessage());
    }
  }

  private static Optional<ModelVersion> find(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + Rows.VERSION_COLUMNS + Rows.VERSION_FROM + " WHERE v.id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(Rows.version(rs)) : Optional.empty();
      }
    }
  }

  private static List<ModelVersion> versions(PreparedStatement statement) throws SQLException {
    List<ModelVersion> versions = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        versions.add(Rows.version(rs));
      }
    }
    return versions;
  }

  private static List<Metric> metrics(Connection connection, long versionId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT split, metric, epoch, value FROM version_metrics WHERE version_id = ?"
                + " ORDER BY split, metric, epoch NULLS LAST")) {
      statement.setLong(1, versionId);
      List<Metric> metrics = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          metrics.add(metric(rs));
        }
      }
      return metrics;
    }
  }

  private static Metric metric(ResultSet rs) throws SQLException {
    int epoch = rs.getInt("epoch");
    OptionalInt maybeEpoch = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(epoch);
    return new Metric(
        rs.getString("split"), rs.getString("metric"), maybeEpoch, rs.getDouble("value"));
  }
}
