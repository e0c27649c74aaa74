package dev.net2net.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.JsonDocument;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryFixture;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.NewJob;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's {@code growth_history} view (migration V7), which the "Time each growth took" and
 * "Growth jobs" panels read: a job's duration runs from the claim of its last attempt (not its
 * first) to its outcome, and jobs not yet started or not yet finished have no duration.
 */
class GrowthHistoryViewTest {
  private static final ModelName MODEL = ModelName.of("history");
  private static final JsonDocument SPEC =
      JsonDocument.parse(
          "{\"kind\": \"grow\", \"policy\": \"p\", \"rule\": \"widen-on-growth\", \"action\": {\"type\": \"widen\"}}");

  @Test
  void aJobRunsFromTheClaimOfItsLastAttemptToItsOutcome(@TempDir Path artifacts) throws Exception {
    try (RegistryFixture fixture = new RegistryFixture("growth_history", artifacts)) {
      Registry registry = fixture.registry;
      registry.models().create(MODEL, "");
      VersionRef seed = fixture.seed(MODEL, "history 1").ref();

      long retried = registry.jobs().enqueue(NewJob.of(MODEL, "history:retried", SPEC)).job().id();
      ClaimedJob first = registry.jobs().claim("worker-a", Duration.ofMinutes(1)).orElseThrow();
      registry.jobs().fail(first.lease(), "abandoned: the worker stopped", Duration.ZERO);
      ClaimedJob second = registry.jobs().claim("worker-b", Duration.ofMinutes(1)).orElseThrow();
      assertThat(second.job().id()).isEqualTo(retried);
      VersionRef grown = fixture.grow(seed, "history 2").ref();
      registry.jobs().complete(second.lease(), Optional.of(grown));

      long running = registry.jobs().enqueue(NewJob.of(MODEL, "history:running", SPEC)).job().id();
      registry.jobs().claim("worker-a", Duration.ofMinutes(1)).orElseThrow();
      long queued = registry.jobs().enqueue(NewJob.of(MODEL, "history:queued", SPEC)).job().id();

      try (Connection connection = fixture.database.connect();
          Statement statement = connection.createStatement()) {
        List<Timestamp> claims = new ArrayList<>();
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT occurred_at FROM events WHERE type = 'job.claimed'"
                    + " AND payload ->> 'job' = '"
                    + retried
                    + "' ORDER BY id")) {
          while (rs.next()) {
            claims.add(rs.getTimestamp(1));
          }
        }
        assertThat(claims).hasSize(2);
        try (ResultSet rs =
            statement.executeQuery("SELECT * FROM growth_history WHERE job = " + retried)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("model")).isEqualTo(MODEL.value());
          assertThat(rs.getString("job_kind")).isEqualTo("grow");
          assertThat(rs.getString("action")).isEqualTo("widen");
          assertThat(rs.getString("rule")).isEqualTo("widen-on-growth");
          assertThat(rs.getString("status")).isEqualTo("succeeded");
          assertThat(rs.getInt("attempts")).isEqualTo(2);
          assertThat(rs.getTimestamp("started_at"))
              .as("the second claim, not the first")
              .isEqualTo(claims.get(1));
          Timestamp finished = rs.getTimestamp("finished_at");
          double expected = (finished.getTime() - claims.get(1).getTime()) / 1000.0;
          assertThat(rs.getDouble("duration_seconds"))
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.002));
          assertThat(rs.getDouble("wait_seconds")).isPositive();
          assertThat(rs.getInt("parent_version")).isEqualTo(1);
          assertThat(rs.getInt("result_version")).isEqualTo(2);
          assertThat(rs.getString("transform_kind")).isEqualTo("widen");
          assertThat(rs.getString("layer")).isEqualTo("dense_0");
          assertThat(rs.getLong("parameters_before")).isEqualTo(50_890);
          assertThat(rs.getLong("parameters_after")).isEqualTo(101_770);
          assertThat(rs.getDouble("preservation_error")).isEqualTo(1e-6);
          assertThat(rs.getString("last_error")).isEqualTo("abandoned: the worker stopped");
        }
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT job, status, started_at IS NOT NULL AS started,"
                    + " duration_seconds, result_version FROM growth_history WHERE job IN ("
                    + running
                    + ", "
                    + queued
                    + ") ORDER BY job")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("status")).isEqualTo("running");
          assertThat(rs.getBoolean("started")).isTrue();
          assertThat(rs.getObject("duration_seconds"))
              .as("a running job has taken no time yet")
              .isNull();
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("status")).isEqualTo("queued");
          assertThat(rs.getBoolean("started")).isFalse();
          assertThat(rs.getObject("duration_seconds")).isNull();
          assertThat(rs.getObject("result_version")).isNull();
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }
}
