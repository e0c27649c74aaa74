package dev.net2net.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The registry commands run in-process against a real PostgreSQL (see NET2NET_TEST_PG_URL). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryCommandsTest {
  static final String ADMIN_URL =
      System.getenv()
          .getOrDefault(
              "NET2NET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  static final DatasetSnapshot DATA =
      new DatasetSnapshot(60_000, Sha256.of("data".getBytes(StandardCharsets.UTF_8)));

  String database;
  String url;
  Path artifacts;
  ModelVersion seed;
  ModelVersion wide;

  @BeforeAll
  void createRegistry(@TempDir Path root) throws Exception {
    database = "n2n_cli_test_" + UUID.randomUUID().toString().substring(0, 8);
    admin("CREATE DATABASE " + database);
    url = urlOf(database);
    artifacts = root.resolve("artifacts");
    assertThat(CommandRun.of("migrate", "--db-url", url).exitCode()).isZero();
    try (Registry registry =
        Registry.open(RegistryConfig.of(new DatabaseUrl.Jdbc(url), artifacts))) {
      ModelName fashion = ModelName.of("fashion");
      registry.models().create(fashion, "Fashion-MNIST classifier");
      seed =
          registry
              .versions()
              .register(
                  NewVersion.seed(fashion, "dense 784-64-10", 50_890, DATA)
                      .withState(VersionState.ready()),
                  ArtifactSource.ofBytes(bytes("seed zip")));
      wide =
          registry
              .versions()
              .register(
                  NewVersion.grown(
                          seed.ref(),
                          Transform.widen("dense_0", 64, 128, 0.01, 7),
                          "dense 784-128-10",
                          101_770,
                          DATA,
                          3.2e-7)
                      .withState(VersionState.candidate()),
                  ArtifactSource.ofBytes(bytes("wide zip")));
      registry
          .versions()
          .register(
              NewVersion.grown(
                  seed.ref(),
                  Transform.deepen("dense_0", 0.0, 3),
                  "dense 784-64-64-10",
                  55_050,
                  DATA,
                  1.1e-6),
              ArtifactSource.ofBytes(bytes("deep zip")));
      registry
          .versions()
          .recordMetrics(wide.ref(), List.of(Metric.finalValue("validation", "accuracy", 0.8712)));
      registry.aliases().move(AliasName.CHAMPION, seed.ref(), Optional.empty(), "test", "seed");
      registry.models().create(ModelName.of("broken"), "");
      registry
          .versions()
          .register(
              NewVersion.seed(ModelName.of("broken"), "dense", 1, DATA)
                  .withState(VersionState.ready()),
              ArtifactSource.ofBytes(bytes("soon corrupt")));
    }
    Files.write(
        artifacts
            .resolve("sha256")
            .resolve(Sha256.of(bytes("soon corrupt")).hex().substring(0, 2))
            .resolve(Sha256.of(bytes("soon corrupt")).hex()),
        bytes("now corrupt!"));
  }

  @AfterAll
  void dropRegistry() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private CommandRun run(String... args) {
    String[] withDatabase = new String[args.length + 4];
    System.arraycopy(args, 0, withDatabase, 0, args.length);
    withDatabase[args.length] = "--db-url";
    withDatabase[args.length + 1] = url;
    withDatabase[args.length + 2] = "--artifacts";
    withDatabase[args.length + 3] = artifacts.toString();
    return CommandRun.of(withDatabase);
  }

  @Test
  void listShowsEachModelWithItsChampion() {
    CommandRun result = run("registry", "list");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern(
            "fashion\\s+3\\s+v1\\s+\\d{4}-\\d\\d-\\d\\d \\S+Z\\s+Fashion-MNIST classifier");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void showListsTheVersionsOfAModelAndEverythingAboutOneVersion() {
    CommandRun model = run("registry", "show", "fashion");
    assertThat(model.exitCode()).as(model.toString()).isZero();
    assertThat(model.out())
        .contains("aliases champion -> v1")
        .containsPattern("v2\\s+v1\\s+widen dense_0 64->128\\s+candidate\\s+101,770");

    CommandRun version = run("registry", "show", "fashion:2");
    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(version.out())
        .contains(
            "version       fashion:2",
            "parent        fashion:1",
            "\"kind\":\"widen\"",
            "parameters    101,770")
        .contains(
            "artifact      " + Sha256.of(bytes("wide zip")), "validation.accuracy", "0.871200");

    CommandRun byAlias = run("registry", "show", "fashion:champion");
    assertThat(byAlias.out()).contains("version       fashion:1", "aliases       champion");
  }

  @Test
  void lineagePrintsTheAncestorsAndABranchingTree() {
    CommandRun result = run("registry", "lineage", "fashion:1");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("lineage of fashion:1 (0 ancestors, 2 descendants)")
        .contains("v1  seed  ready  50,890 params   <== fashion:1")
        .contains("├─ v2  widen dense_0 64->128  candidate  101,770 params")
        .contains("└─ v3  deepen dense_0  training  55,050 params");
    CommandRun fromLeaf = run("registry", "lineage", "fashion:3");
    assertThat(fromLeaf.out())
        .contains("(1 ancestors, 0 descendants)")
        .containsSubsequence("v1  seed", "v3  deepen");
  }

  @Test
  void exportWritesTheVerifiedArtifact(@TempDir Path out) throws Exception {
    Path file = out.resolve("wide.zip");
    CommandRun result = run("registry", "export", "fashion:2", "--out", file.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes("wide zip"));
    assertThat(result.out()).contains("exported fashion:2 to " + file, "verified");
    CommandRun again = run("registry", "export", "fashion:2", "--out", file.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.errLines())
        .containsExactly("net2net: " + file + " exists; pass --force to replace it");
  }

  @Test
  void exportRefusesACorruptArtifactInOneLineAndWritesNothing(@TempDir Path out) {
    Path file = out.resolve("broken.zip");
    CommandRun result = run("registry", "export", "broken:1", "--out", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.errLines().get(0))
        .startsWith("net2net: the artifact of broken:1: artifact ")
        .contains("is corrupt: expected");
    assertThat(file).doesNotExist();
  }

  @Test
  void promoteMovesTheAliasByCompareAndSet() {
    CommandRun stale =
        run("registry", "promote", "fashion:2", "--alias", "staging", "--expect", "1");
    assertThat(stale.exitCode()).isEqualTo(2);
    assertThat(stale.errLines())
        .containsExactly(
            "net2net: alias 'staging' of fashion names nothing, not v1 as expected; nothing changed");

    CommandRun moved = run("registry", "promote", "fashion:2", "--alias", "staging");
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    assertThat(moved.out()).contains("fashion staging: (unset) -> v2");
    assertThat(run("registry", "show", "fashion:staging").out())
        .contains("version       fashion:2");

    CommandRun training = run("registry", "promote", "fashion:3", "--alias", "staging");
    assertThat(training.exitCode()).isEqualTo(2);
    assertThat(training.errLines())
        .containsExactly(
            "net2net: version fashion:3 is training: an alias can name only a candidate or ready version");
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertOneLine(run("registry", "show", "nope"), "net2net: unknown model 'nope'");
    assertOneLine(
        run("registry", "show", "fashion:9"),
        "net2net: model 'fashion' has no version 9 (its versions are 1 to 3)");
    assertOneLine(
        run("registry", "lineage", "fashion:canary"),
        "net2net: model 'fashion' has no alias 'canary'");
    assertOneLine(
        run("registry", "lineage", "fashion"),
        "net2net: expected MODEL:VERSION (e.g. fashion:3 or fashion:champion) but got 'fashion'");
    assertOneLine(
        CommandRun.of("registry", "list", "--db-url", "mysql://db/x"),
        "net2net: malformed database URL 'mysql://db/x': " + DatabaseUrl.EXPECTED_FORMS);
    CommandRun unreachable =
        CommandRun.of(
            "registry", "list", "--db-url", "jdbc:postgresql://127.0.0.1:1/x?user=postgres");
    assertThat(unreachable.exitCode()).isEqualTo(2);
    assertThat(unreachable.errLines()).hasSize(1);
    assertThat(unreachable.errLines().get(0))
        .startsWith("net2net: cannot reach the database at jdbc:postgresql://127.0.0.1:1/x");
  }

  @Test
  void exportWithoutArtifactsFindsTheFileWhereTheRegistryRecordedIt(@TempDir Path out)
      throws Exception {
    // No --artifacts: this process's default root ($NET2NET_HOME or ~/.net2net) does not hold the
    // file.
    Path file = out.resolve("seed.zip");
    CommandRun result =
        CommandRun.of("registry", "export", "fashion:1", "--out", file.toString(), "--db-url", url);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes("seed zip"));
  }

  @Test
  void aMissingArtifactIsOneLine(@TempDir Path elsewhere) {
    CommandRun result =
        CommandRun.of(
            "registry",
            "export",
            "fashion:1",
            "--out",
            elsewhere.resolve("x.zip").toString(),
            "--db-url",
            url,
            "--artifacts",
            elsewhere.resolve("empty-store").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.errLines().get(0))
        .startsWith(
            "net2net: the artifact of fashion:1: artifact "
                + seed.artifact().sha256()
                + " is missing");
  }

  @Test
  void migrateBringsAnEmptyDatabaseUpToDateOnceAndReadingCommandsAskForIt() throws SQLException {
    String empty = "n2n_cli_migrate_" + UUID.randomUUID().toString().substring(0, 8);
    admin("CREATE DATABASE " + empty);
    try {
      String emptyUrl = urlOf(empty);
      CommandRun unmigrated = CommandRun.of("registry", "list", "--db-url", emptyUrl);
      assertThat(unmigrated.exitCode()).isEqualTo(2);
      assertThat(unmigrated.errLines()).hasSize(1);
      assertThat(unmigrated.errLines().get(0))
          .endsWith("run 'net2net migrate --db-url " + emptyUrl + "'");

      CommandRun first = CommandRun.of("migrate", "--db-url", emptyUrl);
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(first.out()).contains(emptyUrl + ": schema at version 9, 9 migration(s) applied");
      assertThat(first.err()).as("progress is shown").contains("Migrating");
      CommandRun second = CommandRun.of("migrate", "--db-url", emptyUrl);
      assertThat(second.out()).contains("schema at version 9, 0 migration(s) applied");
      assertThat(CommandRun.of("registry", "list", "--db-url", emptyUrl).out())
          .contains("No models registered");
    } finally {
      admin("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)");
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        List.of(
            new String[] {"registry", "--help"},
            new String[] {"registry", "list", "--help"},
            new String[] {"registry", "show", "--help"},
            new String[] {"registry", "lineage", "--help"},
            new String[] {"registry", "promote", "--help"},
            new String[] {"registry", "export", "--help"},
            new String[] {"migrate", "--help"})) {
      CommandRun help = CommandRun.of(command);
      assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).contains("Usage:", "--help");
    }
    assertThat(CommandRun.of("registry", "list", "--help").out())
        .contains("--db-url=URL", "--artifacts=DIR");
  }

  private static void assertOneLine(CommandRun result, String line) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.errLines()).as(result.toString()).containsExactly(line);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String urlOf(String name) {
    int slash = ADMIN_URL.indexOf('/', "jdbc:postgresql://".length());
    int query = ADMIN_URL.indexOf('?', slash);
    return ADMIN_URL.substring(0, slash + 1) + name + (query < 0 ? "" : ADMIN_URL.substring(query));
  }

  private static void admin(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(ADMIN_URL);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
