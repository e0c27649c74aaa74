package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.artifact.SweepReport;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process between "artifact durable" and "version committed". The child registers through
 * the public API; the test holds the model's row lock, which the registration needs for its version
 * number only after it has written the artifact, so the child is frozen at exactly that point when
 * killed.
 */
class CrashDuringRegistrationTest {

  @Test
  void aKilledRegistrationLeavesNoRowNamingAMissingArtifactAndTheSweepRemovesTheOrphan(
      @TempDir Path artifacts) throws Exception {
    try (RegistryFixture fixture = new RegistryFixture("crash", artifacts)) {
      Registry registry = fixture.registry;
      ModelName model = ModelName.of("crashy");
      long modelId = registry.models().create(model, "").id();
      ModelVersion survivor = fixture.seed(model, "committed before the crash");
      String doomedText = "written but never committed";
      Path doomedFile =
          registry.artifacts().pathOf(Sha256.of(doomedText.getBytes(StandardCharsets.UTF_8)));

      Process child;
      try (Connection blocker = fixture.database.connect()) {
        blocker.setAutoCommit(false);
        try (PreparedStatement lock =
            blocker.prepareStatement("SELECT id FROM models WHERE id = ? FOR UPDATE")) {
          lock.setLong(1, modelId);
          lock.executeQuery().close();
        }
        child =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashingRegistration.class.getName(),
                    fixture.database.url().url(),
                    artifacts.toString(),
                    model.value(),
                    doomedText)
                .redirectErrorStream(true)
                .redirectOutput(
                    artifacts.resolveSibling(artifacts.getFileName() + "-child.log").toFile())
                .start();
        try {
          waitUntilBlockedOnTheModelRow(fixture, child);
          assertThat(doomedFile).as("the artifact is durable before the commit").exists();
        } finally {
          child.destroyForcibly();
          assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        blocker.rollback();
      }

      assertThat(registry.versions().list(model)).containsExactly(survivor);
      assertEveryVersionNamesAnIntactArtifact(fixture);
      assertThat(doomedFile).as("the orphan is still there until the sweep").exists();

      SweepReport report = registry.sweepArtifacts();
      assertThat(report.removedArtifacts())
          .containsExactly(Sha256.of(doomedText.getBytes(StandardCharsets.UTF_8)));
      assertThat(report.kept()).isEqualTo(1);
      assertThat(doomedFile).doesNotExist();
      assertThat(registry.versions().readArtifact(survivor.ref()))
          .isEqualTo("committed before the crash".getBytes(StandardCharsets.UTF_8));
      assertThat(fixture.seed(model, "after the crash").number())
          .as("no gap after the crash")
          .isEqualTo(2);
    }
  }

  private static void waitUntilBlockedOnTheModelRow(RegistryFixture fixture, Process child)
      throws SQLException, InterruptedException {
    try (Connection connection = fixture.database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'net2net' AND wait_event_type = 'Lock'"
                    + " AND query LIKE 'UPDATE models SET last_version_number%'")) {
      for (int i = 0; i < 1200; i++) {
        if (!child.isAlive()) {
          throw new AssertionError("the child exited early with " + child.exitValue());
        }
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 1) {
            return;
          }
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the child never reached the version-number update");
  }

  private static void assertEveryVersionNamesAnIntactArtifact(RegistryFixture fixture)
      throws SQLException {
    try (Connection connection = fixture.database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT artifact_sha256, artifact_size FROM model_versions");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Sha256 sha256 = new Sha256(rs.getString(1));
        assertThat(Files.exists(fixture.registry.artifacts().pathOf(sha256)))
            .as("%s exists", sha256)
            .isTrue();
        fixture.registry.artifacts().verify(sha256, rs.getLong(2));
      }
    }
  }
}
