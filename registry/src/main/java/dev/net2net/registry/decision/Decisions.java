package dev.net2net.registry.decision;

import dev.net2net.registry.ConflictException;
import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.NotFoundException;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.internal.EventLog;
import dev.net2net.registry.internal.Lookups;
import dev.net2net.registry.internal.Rows;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Policy decisions, recorded when made and resolved when their job finishes. Obtain from {@code
 * Registry.decisions()}.
 */
public final class Decisions {
  private static final String COLUMNS =
      "d.id, m.name AS model_name, d.policy, d.rule, d.signals::text AS signals, d.action, d.growth_kind,"
          + " d.outcome,"
          + " v.version_number AS resulting_version, d.decided_at, d.updated_at";
  private static final String FROM =
      " FROM policy_decisions d JOIN models m ON m.id = d.model_id"
          + " LEFT JOIN model_versions v ON v.id = d.resulting_version_id";

  private final Database database;

  public Decisions(Database database) {
    this.database = database;
  }

  public PolicyDecision record(NewDecision decision) {
    return database.inTransaction(
        "recording a decision of policy '" + decision.policy() + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, decision.model());
          Optional<Long> versionId = Optional.empty();
          if (decision.resultingVersion().isPresent()) {
            versionId =
                Optional.of(
                    Lookups.versionId(
                        connection,
                        modelId,
                        new VersionRef(decision.model(), decision.resultingVersion().get())));
          }
          long id;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO policy_decisions (model_id, policy, rule, signals, action, growth_kind, outcome,"
                      + " resulting_version_id) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id")) {
            statement.setLong(1, modelId);
            statement.setString(2, decision.policy());
            statement.setString(3, decision.rule());
            statement.setString(4, decision.signals().text());
            statement.setString(5, decision.action());
            statement.setString(6, decision.growthKind().map(GrowthKind::label).orElse(null));
            statement.setString(7, decision.outcome().label());
            EventLog.setOptionalLong(statement, 8, versionId);
            try (ResultSet rs = statement.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("decision", id);
          payload.put("policy", decision.policy());
          payload.put("rule", decision.rule());
          payload.put("action", decision.action());
          decision.growthKind().ifPresent(kind -> payload.put("kind", kind.label()));
          payload.put("outcome", decision.outcome().label());
          EventLog.append(
              connection,
              "decision.recorded",
              Optional.of(modelId),
              versionId,
              JsonDocument.of(payload));
          return find(connection, id).orElseThrow();
        });
  }

  /**
   * Records how the decision ended (e.g. promoted, rejected; or a manual request consumed) and the
   * version it produced. The resulting version can be set once; setting a different one is a {@link
   * ConflictException}.
   */
  public PolicyDecision resolve(
      long decisionId, DecisionOutcome outcome, Optional<Integer> resultingVersion) {
    Objects.requireNonNull(outcome, "outcome");
    return database.inTransaction(
        "resolving policy decision " + decisionId,
        connection -> {
          PolicyDecision current =
              find(connection, decisionId)
                  .orElseThrow(
                      () -> new NotFoundException("unknown policy decision " + decisionId));
          if (current.resultingVersion().isPresent()
              && resultingVersion.isPresent()
              && !current.resultingVersion().equals(resultingVersion)) {
            throw new ConflictException(
                "policy decision "
                    + decisionId
                    + " already resulted in version "
                    + current.resultingVersion().get()
                    + ", not "
                    + resultingVersion.get());
          }
          long modelId = Lookups.modelId(connection, current.model());
          Optional<Long> versionId = Optional.empty();
          if (resultingVersion.isPresent()) {
            versionId =
                Optional.of(
                    Lookups.versionId(
                        connection,
                        modelId,
                        new VersionRef(current.model(), resultingVersion.get())));
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE policy_decisions SET outcome = ?, resulting_version_id = COALESCE(?, resulting_version_id),"
                      + " updated_at = clock_timestamp() WHERE id = ?")) {
            statement.setString(1, outcome.label());
            EventLog.setOptionalLong(statement, 2, versionId);
            statement.setLong(3, decisionId);
            statement.executeUpdate();
          }
          Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("decision", decisionId);
          payload.put("outcome", outcome.label());
          resultingVersion.ifPresent(v -> payload.put("version", v));
          EventLog.append(
              connection,
              "decision.resolved",
              Optional.of(modelId),
              versionId,
              JsonDocument.of(payload));
          return find(connection, decisionId).orElseThrow();
        });
  }

  public PolicyDecision get(long decisionId) {
    return database.autoCommit(
        "reading policy decision " + decisionId,
        connection ->
            find(connection, decisionId)
                .orElseThrow(() -> new NotFoundException("unknown policy decision " + decisionId)));
  }

  /** The model's most recent decisions, newest first. */
  public List<PolicyDecision> recent(ModelName model, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return database.autoCommit(
        "listing decisions of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + FROM
                      + " WHERE d.model_id = ? ORDER BY d.id DESC LIMIT ?")) {
            statement.setLong(1, modelId);
            statement.setInt(2, limit);
            List<PolicyDecision> decisions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                decisions.add(decision(rs));
              }
            }
            return decisions;
          }
        });
  }

  /**
   * The model's decisions that resulted in a version, oldest first: what caused each grown version.
   */
  public List<PolicyDecision> withResultingVersion(ModelName model) {
    return database.autoCommit(
        "listing the decisions that made versions of model '" + model + "'",
        connection -> {
          long modelId = Lookups.modelId(connection, model);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + FROM
                      + " WHERE d.model_id = ? AND d.resulting_version_id IS NOT NULL ORDER BY d.id")) {
            statement.setLong(1, modelId);
            List<PolicyDecision> decisions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                decisions.add(decision(rs));
              }
            }
            return decisions;
          }
        });
  }

  private static Optional<PolicyDecision> find(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE d.id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(decision(rs)) : Optional.empty();
      }
    }
  }

  private static PolicyDecision decision(ResultSet rs) throws SQLException {
    return new PolicyDecision(
        rs.getLong("id"),
        new ModelName(rs.getString("model_name")),
        rs.getString("policy"),
        rs.getString("rule"),
        JsonDocument.parse(rs.getString("signals")),
        rs.getString("action"),
        Optional.ofNullable(rs.getString("growth_kind")).map(GrowthKind::fromLabel),
        DecisionOutcome.fromLabel(rs.getString("outcome")),
        Rows.optionalInt(rs, "resulting_version"),
        Rows.instant(rs, "decided_at"),
        Rows.instant(rs, "updated_at"));
  }
}
