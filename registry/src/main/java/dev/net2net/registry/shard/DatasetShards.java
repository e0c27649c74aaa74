package dev.net2net.registry.shard;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.model.DatasetSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * Dataset shards, each recorded once by (path, checksum), so a restarted daemon neither counts a
 * shard twice nor forgets one. Obtain from {@code Registry.shards()}.
 */
public final class DatasetShards {
  private static final String COLUMNS =
      "id, dataset, path, sha256, rows, status, reason, recorded_at";

  private final Database database;

  public DatasetShards(Database database) {
    this.database = database;
  }

  /**
   * Records the shard unless the same path and checksum were recorded before; then returns that
   * record.
   */
  public ShardRecording record(NewShard shard) {
    return database.inTransaction(
        "recording shard " + shard.path(),
        connection -> {
          Optional<Shard> inserted;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO dataset_shards (dataset, path, sha256, rows, status, reason) VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (path, sha256) DO NOTHING RETURNING "
                      + COLUMNS)) {
            statement.setString(1, shard.dataset());
            statement.setString(2, shard.path());
            statement.setString(3, shard.sha256().hex());
            statement.setLong(4, shard.rows());
            statement.setString(5, shard.status().label());
            statement.setString(6, shard.reason().orElse(null));
            try (ResultSet rs = statement.executeQuery()) {
              inserted = rs.next() ? Optional.of(shard(rs)) : Optional.empty();
            }
          }
          if (inserted.isEmpty()) {
            return new ShardRecording(
                find(connection, shard.path(), shard.sha256()).orElseThrow(), false);
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("dataset", shard.dataset());
          payload.put("path", shard.path());
          payload.put("rows", shard.rows());
          payload.put("status", shard.status().label());
          shard.reason().ifPresent(r -> payload.put("reason", r));
          EventLog.append(
              connection,
              "shard.recorded",
              Optional.empty(),
              Optional.empty(),
              JsonDocument.of(payload));
          return new ShardRecording(inserted.get(), true);
        });
  }

  public Optional<Shard> find(String path, Sha256 sha256) {
    return database.autoCommit(
        "reading shard " + path, connection -> find(connection, path, sha256));
  }

  /** All shards of the dataset in the order they were recorded. */
  public List<Shard> list(String dataset) {
    return database.autoCommit(
        "listing shards of dataset '" + dataset + "'",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM dataset_shards WHERE dataset = ? ORDER BY id")) {
            statement.setString(1, dataset);
            List<Shard> shards = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                shards.add(shard(rs));
              }
            }
            return shards;
          }
        });
  }

  /**
   * The ingested part of the dataset as a snapshot: the total rows, and a digest of the set of
   * shard checksums (sorted, so it does not depend on arrival order). Two snapshots are equal
   * exactly when the same shard contents were ingested.
   */
  public DatasetSnapshot snapshot(String dataset) {
    return database.autoCommit(
        "summarising dataset '" + dataset + "'",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT sha256, rows FROM dataset_shards WHERE dataset = ? AND status = 'ingested' ORDER BY sha256, id")) {
            statement.setString(1, dataset);
            MessageDigest digest = Sha256.newDigest();
            long rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                digest.update((rs.getString(1) + "\n").getBytes(StandardCharsets.US_ASCII));
                rows += rs.getLong(2);
              }
            }
            return new DatasetSnapshot(rows, Sha256.fromDigest(digest));
          }
        });
  }

  private static Optional<Shard> find(Connection connection, String path, Sha256 sha256)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM dataset_shards WHERE path = ? AND sha256 = ?")) {
      statement.setString(1, path);
      statement.setString(2, sha256.hex());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(shard(rs)) : Optional.empty();
      }
    }
  }

  private static Shard shard(ResultSet rs) throws SQLException {
    return new Shard(
        rs.getLong("id"),
        rs.getString("dataset"),
        rs.getString("path"),
        new Sha256(rs.getString("sha256")),
        rs.getLong("rows"),
        ShardStatus.fromLabel(rs.getString("status")),
        Optional.ofNullable(rs.getString("reason")),
        Rows.instant(rs, "recorded_at"));
  }
}
