package dev.net2net.registry.model;

import dev.net2net.registry.ConflictException;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered models: create, find, list. Obtain from {@code Registry.models()}. */
public final class Models {
  private static final String COLUMNS = "id, name, description, last_version_number, created_at";

  private final Database database;

  public Models(Database database) {
    this.database = database;
  }

  /** Creates the model; fails with {@link ConflictException} if the name is taken. */
  public Model create(ModelName name, String description) {
    return database.inTransaction(
        "creating model '" + name + "'",
        connection -> {
          Optional<Model> created = insertIfAbsent(connection, name, description);
          return created.orElseThrow(
              () -> new ConflictException("model '" + name + "' already exists"));
        });
  }

  /** Returns the model, creating it first if it does not exist; safe when several callers race. */
  public Model getOrCreate(ModelName name, String description) {
    return database.inTransaction(
        "creating model '" + name + "'",
        connection -> {
          Optional<Model> created = insertIfAbsent(connection, name, description);
          return created.isPresent() ? created.get() : find(connection, name).orElseThrow();
        });
  }

  public Optional<Model> find(ModelName name) {
    return database.autoCommit(
        "reading model '" + name + "'", connection -> find(connection, name));
  }

  public Model get(ModelName name) {
    return find(name).orElseThrow(() -> new NotFoundException("unknown model '" + name + "'"));
  }

  public List<Model> list() {
    return database.autoCommit(
        "listing models",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT " + COLUMNS + " FROM models ORDER BY name");
              ResultSet rs = statement.executeQuery()) {
            List<Model> models = new ArrayList<>();
            while (rs.next()) {
              models.add(model(rs));
            }
            return models;
          }
        });
  }

  /** Every model with its champion and the time of its latest version, for listings. */
  public List<ModelSummary> summaries() {
    return database.autoCommit(
        "listing models",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT m.id, m.name, m.description, m.last_version_number, m.created_at,"
                          + " (SELECT cv.version_number FROM aliases a JOIN model_versions cv ON cv.id = a.version_id"
                          + "   WHERE a.model_id = m.id AND a.name = 'champion') AS champion,"
                          + " (SELECT max(v.created_at) FROM model_versions v WHERE v.model_id = m.id) AS latest_at"
                          + " FROM models m ORDER BY m.name");
              ResultSet rs = statement.executeQuery()) {
            List<ModelSummary> summaries = new ArrayList<>();
            while (rs.next()) {
              summaries.add(
                  new ModelSummary(
                      model(rs),
                      Rows.optionalInt(rs, "champion"),
                      Rows.optionalInstant(rs, "latest_at")));
            }
            return summaries;
          }
        });
  }

  private static Optional<Model> insertIfAbsent(
      Connection connection, ModelName name, String description) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO models (name, description) VALUES (?, ?) ON CONFLICT (name) DO NOTHING RETURNING "
                + COLUMNS)) {
      statement.setString(1, name.value());
      statement.setString(2, description == null ? "" : description);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Model model = model(rs);
        EventLog.append(
            connection,
            "model.created",
            Optional.of(model.id()),
            Optional.empty(),
            JsonDocument.of(Map.of("model", name.value())));
        return Optional.of(model);
      }
    }
  }

  private static Optional<Model> find(Connection connection, ModelName name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM models WHERE name = ?")) {
      statement.setString(1, name.value());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(model(rs)) : Optional.empty();
      }
    }
  }

  private static Model model(ResultSet rs) throws SQLException {
    return new Model(
        rs.getLong("id"),
        new ModelName(rs.getString("name")),
        rs.getString("description"),
        rs.getInt("last_version_number"),
        Rows.instant(rs, "created_at"));
  }
}
