package dev.net2net.cli.chaos;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must hold after any fault, read from the database and the artifact store as an auditor
 * would: version numbers contiguous, one version per successful job and none that no job produced,
 * no two versions from one decision, every job and decision finished (nothing half-done is left
 * once the daemons have settled), every artifact intact, the champion ready, every shard recorded
 * once and all dripped rows ingested, and no scratch file of a dead process left behind. Each
 * violation is one line naming it.
 */
final class Invariants {
  private static final Pattern SCRATCH = Pattern.compile("^\\.?candidate-(\\d+)-.*");

  private final String databaseUrl;
  private final Path artifacts;
  private final Path scratch;
  private final int drippedRows;

  Invariants(String databaseUrl, Path artifacts, Path scratch, int drippedRows) {
    this.databaseUrl = databaseUrl;
    this.artifacts = artifacts;
    this.scratch = scratch;
    this.drippedRows = drippedRows;
  }

  List<String> check() throws Exception {
    List<String> anomalies = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(databaseUrl)) {
      rows(
          c,
          anomalies,
          "version numbers not contiguous",
          "SELECT m.name || ': ' || count(v.id) || ' versions, numbers ' || coalesce(min(v.version_number), 0) || '..'"
              + " || coalesce(max(v.version_number), 0) || ', counter ' || m.last_version_number"
              + " FROM models m LEFT JOIN model_versions v ON v.model_id = m.id GROUP BY m.id"
              + " HAVING count(v.id) <> coalesce(max(v.version_number), 0) OR m.last_version_number <> count(v.id)"
              + " OR coalesce(min(v.version_number), 1) <> 1");
      rows(
          c,
          anomalies,
          "a version no succeeded job produced",
          "SELECT 'version ' || v.version_number || ' (' || v.status || ')' FROM model_versions v"
              + " WHERE NOT EXISTS (SELECT 1 FROM growth_jobs j WHERE j.result_version_id = v.id AND j.status = 'succeeded')");
      rows(
          c,
          anomalies,
          "a succeeded job without a version",
          "SELECT 'job ' || id FROM growth_jobs WHERE status = 'succeeded' AND result_version_id IS NULL");
      rows(
          c,
          anomalies,
          "two jobs claiming one version",
          "SELECT 'version id ' || result_version_id || ' from jobs ' || string_agg(id::text, ',') FROM growth_jobs"
              + " WHERE result_version_id IS NOT NULL AND decision_id IS NOT NULL GROUP BY result_version_id HAVING count(*) > 1");
      rows(
          c,
          anomalies,
          "two versions from one decision",
          "SELECT 'decision ' || d.id || ': ' || count(*) || ' versions' FROM policy_decisions d"
              + " JOIN growth_jobs j ON j.decision_id = d.id JOIN model_versions v ON v.id = j.result_version_id"
              + " GROUP BY d.id HAVING count(*) > 1"
              + " UNION ALL SELECT 'decision ' || decision_id || ': ' || count(*) || ' jobs' FROM growth_jobs"
              + " WHERE decision_id IS NOT NULL GROUP BY decision_id HAVING count(*) > 1");
      rows(
          c,
          anomalies,
          "a decision and its job disagree",
          "SELECT 'decision ' || d.id || ' says version ' || coalesce(d.resulting_version_id::text, 'none')"
              + " || ' but its job ' || j.id || ' made ' || coalesce(j.result_version_id::text, 'none')"
              + " FROM policy_decisions d JOIN growth_jobs j ON j.decision_id = d.id"
              + " WHERE j.status = 'succeeded' AND d.resulting_version_id IS DISTINCT FROM j.result_version_id");
      rows(
          c,
          anomalies,
          "a job neither finished nor live",
          "SELECT 'job ' || id || ' ' || status || coalesce(' lease until ' || lease_expires_at, '')"
              + " FROM growth_jobs WHERE status IN ('queued', 'running')");
      rows(
          c,
          anomalies,
          "a decision left unresolved",
          "SELECT 'decision ' || d.id || ' ' || d.outcome || ', job ' || coalesce(j.status, 'missing')"
              + " FROM policy_decisions d LEFT JOIN growth_jobs j ON j.decision_id = d.id WHERE d.outcome = 'enqueued'");
      rows(
          c,
          anomalies,
          "the champion is not ready",
          "SELECT m.name || ': champion ' || coalesce(v.version_number::text, 'missing') || ' ' || coalesce(v.status, '')"
              + " FROM models m LEFT JOIN aliases a ON a.model_id = m.id AND a.name = 'champion'"
              + " LEFT JOIN model_versions v ON v.id = a.version_id WHERE v.status IS DISTINCT FROM 'ready'");
      rows(
          c,
          anomalies,
          "a shard recorded twice",
          "SELECT path || ' x' || count(*) FROM dataset_shards GROUP BY path HAVING count(*) > 1");
      long ingested =
          single(c, "SELECT coalesce(sum(rows), 0) FROM dataset_shards WHERE status = 'ingested'");
      if (ingested != drippedRows) {
        anomalies.add("rows ingested: " + ingested + ", dripped: " + drippedRows);
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT version_number, artifact_sha256, artifact_size FROM model_versions ORDER BY version_number");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String hex = rs.getString(2);
          Path file = artifacts.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
          if (!Files.isRegularFile(file)) {
            anomalies.add("artifact of version " + rs.getInt(1) + " is missing: " + file);
          } else if (Files.size(file) != rs.getLong(3) || !ChaosRunner.sha256(file).equals(hex)) {
            anomalies.add(
                "artifact of version " + rs.getInt(1) + " does not match its sha256: " + file);
          }
        }
      }
    }
    leftovers(anomalies);
    return anomalies;
  }

  private void leftovers(List<String> anomalies) throws Exception {
    Path partials = artifacts.resolve("tmp");
    if (Files.isDirectory(partials)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(partials, "*.partial")) {
        files.forEach(f -> anomalies.add("interrupted artifact write left: " + f));
      }
    }
    if (Files.isDirectory(scratch)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch)) {
        for (Path f : files) {
          Matcher m = SCRATCH.matcher(f.getFileName().toString());
          if (m.matches()
              && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
            anomalies.add("scratch file of a dead process left: " + f);
          }
        }
      }
    }
  }

  private static void rows(Connection c, List<String> anomalies, String what, String sql)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        anomalies.add(what + ": " + rs.getString(1));
      }
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
