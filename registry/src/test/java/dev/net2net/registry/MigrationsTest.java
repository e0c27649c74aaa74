package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.db.Database;
import dev.net2net.registry.db.DatabaseUnavailableException;
import dev.net2net.registry.db.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  private static final int MIGRATION_COUNT = 9;

  @Test
  void migratingTwiceAppliesEverythingOnceThenNothing() throws Exception {
    try (TestDatabase db = TestDatabase.create("migrate_twice");
        Database database = Database.open(db.url(), 2)) {
      Migrations migrations = new Migrations(database);
      assertThat(migrations.status().pending()).hasSize(MIGRATION_COUNT);
      Migrations.Outcome first = migrations.migrate();
      Migrations.Outcome second = migrations.migrate();
      assertThat(first.applied()).isEqualTo(MIGRATION_COUNT);
      assertThat(second.applied()).isZero();
      assertThat(second.schemaVersion()).contains(String.valueOf(MIGRATION_COUNT));
      assertThat(migrations.status().upToDate()).isTrue();
      assertThat(successfulMigrations(db)).isEqualTo(MIGRATION_COUNT);
    }
  }

  @Test
  void concurrentMigrationsOfAnEmptyDatabaseBothSucceedAndApplyEachMigrationOnce()
      throws Exception {
    try (TestDatabase db = TestDatabase.create("migrate_concurrently")) {
      int processes = 3;
      CyclicBarrier start = new CyclicBarrier(processes);
      ExecutorService pool = Executors.newFixedThreadPool(processes);
      try {
        List<Future<Migrations.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
          outcomes.add(
              pool.submit(
                  () -> {
                    // Each "process" has its own pool, as separate daemons would.
                    try (Database database = Database.open(db.url(), 2)) {
                      start.await(30, TimeUnit.SECONDS);
                      return new Migrations(database).migrate();
                    }
                  }));
        }
        int applied = 0;
        for (Future<Migrations.Outcome> outcome : outcomes) {
          Migrations.Outcome result = outcome.get(120, TimeUnit.SECONDS);
          assertThat(result.schemaVersion()).contains(String.valueOf(MIGRATION_COUNT));
          applied += result.applied();
        }
        assertThat(applied).isEqualTo(MIGRATION_COUNT);
      } finally {
        pool.shutdownNow();
      }
      assertThat(successfulMigrations(db)).isEqualTo(MIGRATION_COUNT);
    }
  }

  @Test
  void aRegistryThatMustNotMigrateRefusesAnOutdatedSchemaWithTheCommandToRun(
      @TempDir Path artifacts) {
    try (TestDatabase db = TestDatabase.create("migrate_required")) {
      RegistryConfig config =
          RegistryConfig.of(db.url(), artifacts)
              .withSchemaAction(RegistryConfig.SchemaAction.REQUIRE_CURRENT);
      assertThatThrownBy(() -> Registry.open(config))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageStartingWith(
              "the registry schema of "
                  + db.url().redacted()
                  + " is missing and "
                  + MIGRATION_COUNT
                  + " migration(s) are pending")
          .hasMessageEndingWith("run 'net2net migrate --db-url " + db.url().redacted() + "'");
    }
  }

  private static int successfulMigrations(TestDatabase db) throws Exception {
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
