package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.model.Lineage;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import dev.net2net.registry.model.VersionStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionsTest {
  RegistryFixture fixture;
  Registry registry;

  @BeforeAll
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("versions", artifacts);
    registry = fixture.registry;
  }

  @AfterAll
  void close() {
    fixture.close();
  }

  @Test
  void sixteenConcurrentRegistrationsGetOneToSixteenWithoutGapOrDuplicate() throws Exception {
    ModelName model = ModelName.of("concurrent");
    registry.models().create(model, "");
    int threads = 16;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ModelVersion>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String artifact = "artifact of thread " + i;
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return fixture.seed(model, artifact);
                }));
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<ModelVersion> future : futures) {
        numbers.add(future.get(60, TimeUnit.SECONDS).number());
      }
      assertThat(numbers)
          .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.versions().list(model))
        .extracting(ModelVersion::number)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    assertThat(registry.models().get(model).latestVersion()).isEqualTo(16);
  }

  @Test
  void aFailedRegistrationLeavesNoGapInTheNumbers() {
    ModelName model = ModelName.of("no-gap");
    registry.models().create(model, "");
    fixture.seed(model, "first");
    assertThatThrownBy(() -> fixture.grow(new VersionRef(model, 9), "orphan"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("model 'no-gap' has no version 9 (its versions are 1 to 1)");
    assertThat(fixture.grow(new VersionRef(model, 1), "second").number()).isEqualTo(2);
  }

  @Test
  void registrationStoresEverythingItWasGiven() {
    ModelName model = ModelName.of("roundtrip");
    registry.models().create(model, "round trip");
    ModelVersion seed = fixture.seed(model, "seed bytes");
    ModelVersion child = fixture.grow(seed.ref(), "child bytes");

    ModelVersion read = registry.versions().get(child.ref());
    assertThat(read).isEqualTo(child);
    assertThat(read.parent()).contains(1);
    assertThat(read.transform().map(Transform::summary)).contains("widen dense_0 64->128");
    assertThat(read.transform().orElseThrow().seed()).hasValue(7);
    assertThat(read.preservationError()).hasValue(1e-6);
    assertThat(read.dataset()).isEqualTo(RegistryFixture.DATA);
    assertThat(read.artifact().sha256())
        .isEqualTo(Sha256.of("child bytes".getBytes(StandardCharsets.UTF_8)));
    assertThat(registry.versions().readArtifact(child.ref()))
        .isEqualTo("child bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(seed.parent()).isEmpty();
    assertThat(seed.transform()).isEmpty();
  }

  @Test
  void statusMovesForwardOnlyAndFinalStatesStayFinal() {
    ModelName model = ModelName.of("status");
    registry.models().create(model, "");
    VersionRef ref = fixture.seed(model, "status").ref();
    assertThat(registry.versions().updateState(ref, VersionState.candidate()).state().status())
        .isEqualTo(VersionStatus.CANDIDATE);
    ModelVersion rejected =
        registry
            .versions()
            .updateState(ref, VersionState.rejected("validation accuracy fell 0.4%"));
    assertThat(rejected.state().reason()).contains("validation accuracy fell 0.4%");
    assertThatThrownBy(() -> registry.versions().updateState(ref, VersionState.ready()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("version status:1 is rejected and cannot become ready (rejected is final)");
    assertThatThrownBy(() -> VersionState.failed(" "))
        .hasMessage("a failed version needs a reason");
  }

  @Test
  void metricsAreRecordedPerSplitAndEpochAndReRecordingReplaces() {
    ModelName model = ModelName.of("metrics");
    registry.models().create(model, "");
    VersionRef ref = fixture.seed(model, "metrics").ref();
    registry
        .versions()
        .recordMetrics(
            ref,
            List.of(
                Metric.atEpoch("train", "loss", 0, 0.9),
                Metric.atEpoch("train", "loss", 1, 0.5),
                Metric.finalValue("validation", "accuracy", 0.81)));
    registry
        .versions()
        .recordMetrics(ref, List.of(Metric.finalValue("validation", "accuracy", 0.83)));
    assertThat(registry.versions().metrics(ref))
        .containsExactly(
            Metric.atEpoch("train", "loss", 0, 0.9),
            Metric.atEpoch("train", "loss", 1, 0.5),
            Metric.finalValue("validation", "accuracy", 0.83));
    assertThatThrownBy(() -> Metric.finalValue("validation", "loss", Double.NaN))
        .hasMessageContaining("must be a finite number");
  }

  @Test
  void lineageOfAThousandDeepChainIsCompleteAndOrdered() {
    ModelName model = ModelName.of("deep");
    registry.models().create(model, "");
    ModelVersion previous = fixture.seed(model, "same bytes for every link");
    for (int i = 2; i <= 1000; i++) {
      previous = fixture.grow(previous.ref(), "same bytes for every link");
    }
    Lineage fromLeaf = registry.versions().lineage(new VersionRef(model, 1000));
    assertThat(fromLeaf.ancestors()).hasSize(999);
    assertThat(fromLeaf.ancestors().get(0).number()).isEqualTo(1);
    assertThat(fromLeaf.ancestors().get(998).number()).isEqualTo(999);
    assertThat(fromLeaf.descendants()).isEmpty();

    Lineage fromMiddle = registry.versions().lineage(new VersionRef(model, 500));
    assertThat(fromMiddle.ancestors())
        .extracting(ModelVersion::number)
        .containsExactlyElementsOf(range(1, 499));
    assertThat(fromMiddle.descendants())
        .extracting(ModelVersion::number)
        .containsExactlyElementsOf(range(501, 1000));
    assertThat(fromMiddle.childrenOf(500)).extracting(ModelVersion::number).containsExactly(501);
  }

  @Test
  void lineageFollowsBranches() {
    ModelName model = ModelName.of("branches");
    registry.models().create(model, "");
    VersionRef seed = fixture.seed(model, "b1").ref();
    VersionRef left = fixture.grow(seed, "b2").ref();
    VersionRef right = fixture.grow(seed, "b3").ref();
    fixture.grow(left, "b4");
    fixture.grow(right, "b5");
    Lineage lineage = registry.versions().lineage(seed);
    assertThat(lineage.childrenOf(1)).extracting(ModelVersion::number).containsExactly(2, 3);
    assertThat(lineage.childrenOf(2)).extracting(ModelVersion::number).containsExactly(4);
    assertThat(lineage.childrenOf(3)).extracting(ModelVersion::number).containsExactly(5);
    assertThat(registry.versions().lineage(new VersionRef(model, 5)).pathFromSeed())
        .extracting(ModelVersion::number)
        .containsExactly(1, 3, 5);
  }

  @Test
  void theSchemaRefusesWrongStatesEvenFromRawSql() throws SQLException {
    ModelName one = ModelName.of("schema-one");
    ModelName two = ModelName.of("schema-two");
    registry.models().create(one, "");
    registry.models().create(two, "");
    ModelVersion ofOne = fixture.seed(one, "s1");
    ModelVersion ofTwo = fixture.seed(two, "s2");
    try (Connection connection = fixture.database.connect();
        Statement statement = connection.createStatement()) {
      // A parent from another model.
      assertThatThrownBy(
              () ->
                  statement.execute(insertChild(ofTwo, ofOne.id(), 2, "'" + "a".repeat(64) + "'")))
          .hasMessageContaining("model_versions_parent_same_model");
      // A malformed checksum.
      assertThatThrownBy(() -> statement.execute(insertChild(ofOne, ofOne.id(), 2, "'ABC'")))
          .hasMessageContaining("model_versions_artifact_sha256_format");
      // A duplicate version number.
      assertThatThrownBy(
              () ->
                  statement.execute(insertChild(ofOne, ofOne.id(), 1, "'" + "a".repeat(64) + "'")))
          .hasMessageContaining("model_versions_number_unique");
      // Rewriting history, or deleting it.
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "UPDATE model_versions SET architecture = 'x' WHERE id = " + ofOne.id()))
          .hasMessageContaining("is immutable except for its status");
      assertThatThrownBy(
              () -> statement.execute("DELETE FROM model_versions WHERE id = " + ofOne.id()))
          .hasMessageContaining("never deleted");
      // A failed version without a reason.
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "UPDATE model_versions SET status = 'failed' WHERE id = " + ofOne.id()))
          .hasMessageContaining("model_versions_reason_iff_rejected_or_failed");
    }
  }

  @Test
  void theDashboardViewShowsVersionsWithParentTransformAliasesAndLatestMetrics()
      throws SQLException {
    ModelName model = ModelName.of("dashboard");
    registry.models().create(model, "");
    VersionRef seed = fixture.seed(model, "dash 1").ref();
    VersionRef child = fixture.grow(seed, "dash 2").ref();
    registry.versions().updateState(child, VersionState.ready());
    registry
        .aliases()
        .move(dev.net2net.registry.model.AliasName.CHAMPION, child, Optional.empty(), "test", "");
    registry
        .versions()
        .recordMetrics(
            child,
            List.of(
                Metric.atEpoch("validation", "accuracy", 0, 0.5),
                Metric.atEpoch("validation", "accuracy", 3, 0.8)));
    try (Connection connection = fixture.database.connect();
        Statement statement = connection.createStatement();
        java.sql.ResultSet rs =
            statement.executeQuery(
                "SELECT parent_version, transform_kind, parameter_count,"
                    + " aliases::text, latest_metrics::text FROM version_overview WHERE model = 'dashboard' AND version = 2")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("widen");
      assertThat(rs.getLong(3)).isEqualTo(101_770);
      assertThat(rs.getString(4)).isEqualTo("{champion}");
      assertThat(rs.getString(5)).isEqualTo("{\"validation.accuracy\": 0.8}");
    }
  }

  @Test
  void unknownModelsAndVersionsAreNamedInTheError() {
    assertThatThrownBy(() -> registry.versions().get(VersionRef.of("nope", 1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("unknown model 'nope'");
    registry.models().create(ModelName.of("empty"), "");
    assertThatThrownBy(() -> registry.versions().get(VersionRef.of("empty", 3)))
        .hasMessage("model 'empty' has no version 3 (it has no versions yet)");
    assertThatThrownBy(() -> registry.models().create(ModelName.of("empty"), ""))
        .isInstanceOf(ConflictException.class)
        .hasMessage("model 'empty' already exists");
    assertThatThrownBy(
            () ->
                new NewVersion(
                    ModelName.of("x"),
                    Optional.of(1),
                    Optional.empty(),
                    "a",
                    1,
                    RegistryFixture.DATA,
                    java.util.OptionalDouble.empty(),
                    VersionState.training()))
        .hasMessage("version of x with parent 1 needs the transform that made it");
    assertThatThrownBy(
            () ->
                registry
                    .versions()
                    .register(
                        NewVersion.seed(ModelName.of("nope"), "a", 1, RegistryFixture.DATA),
                        ArtifactSource.ofBytes(new byte[] {1})))
        .isInstanceOf(NotFoundException.class);
  }

  private static String insertChild(
      ModelVersion parentModelVersion, long parentId, int number, String sha) {
    return "INSERT INTO model_versions (model_id, version_number, parent_version_id, transform, architecture,"
        + " parameter_count, dataset_rows, dataset_digest, status, artifact_sha256, artifact_size, artifact_uri)"
        + " SELECT model_id, "
        + number
        + ", "
        + parentId
        + ", '{\"kind\":\"widen\"}', 'a', 1, 1, '"
        + "b".repeat(64)
        + "', 'training', "
        + sha
        + ", 1, 'file:/x' FROM model_versions WHERE id = "
        + parentModelVersion.id();
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      numbers.add(i);
    }
    return numbers;
  }
}
