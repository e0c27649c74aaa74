package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.artifact.ArtifactIntegrityException;
import dev.net2net.registry.artifact.ArtifactStore;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only queries the lineage page and the artifact download use, and export from the
 * recorded place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageQueriesTest {
  RegistryFixture fixture;
  Registry registry;

  @BeforeAll
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("lineage_queries", artifacts);
    registry = fixture.registry;
  }

  @AfterAll
  void close() {
    fixture.close();
  }

  @Test
  void metricsOfAWholeModelComeInOneMapByVersion() {
    ModelName model = ModelName.of("metrics-of-model");
    registry.models().create(model, "");
    VersionRef seed = fixture.seed(model, "m1").ref();
    VersionRef silent = fixture.grow(seed, "m2").ref();
    VersionRef grown = fixture.grow(silent, "m3").ref();
    registry
        .versions()
        .recordMetrics(
            seed,
            List.of(
                Metric.atEpoch("validation", "accuracy", 1, 0.70),
                Metric.atEpoch("validation", "accuracy", 0, 0.60),
                Metric.finalValue("validation", "accuracy", 0.70)));
    registry
        .versions()
        .recordMetrics(grown, List.of(Metric.finalValue("validation", "accuracy", 0.80)));

    Map<Integer, List<Metric>> all = registry.versions().metricsOfModel(model);
    assertThat(all.keySet()).containsExactly(1, 3);
    assertThat(all.get(1)).isEqualTo(registry.versions().metrics(seed));
    assertThat(all.get(3)).containsExactly(Metric.finalValue("validation", "accuracy", 0.80));
  }

  @Test
  void decisionsThatMadeAVersionAreListedOldestFirst() {
    ModelName model = ModelName.of("decisions-made");
    registry.models().create(model, "");
    VersionRef seed = fixture.seed(model, "d1").ref();
    PolicyDecision waiting =
        registry
            .decisions()
            .record(
                NewDecision.of(
                    model,
                    "p",
                    "widen-on-growth",
                    JsonDocument.of(Map.of()),
                    "none",
                    DecisionOutcome.HELD));
    PolicyDecision fired =
        registry
            .decisions()
            .record(
                NewDecision.growth(
                    model,
                    "p",
                    "widen-on-growth",
                    JsonDocument.of(Map.of()),
                    "widen",
                    GrowthKind.WIDEN));
    VersionRef grown = fixture.grow(seed, "d2").ref();
    registry.decisions().resolve(fired.id(), DecisionOutcome.PROMOTED, Optional.of(grown.number()));

    List<PolicyDecision> made = registry.decisions().withResultingVersion(model);
    assertThat(made).extracting(PolicyDecision::id).containsExactly(fired.id());
    assertThat(made.get(0).resultingVersion()).contains(2);
    assertThat(made).noneMatch(d -> d.id() == waiting.id());
  }

  @Test
  void theLatestEventIdIsWhereANewReaderStarts() {
    long before = registry.events().latestId();
    ModelName model = ModelName.of("events-latest");
    registry.models().create(model, "");
    long after = registry.events().latestId();
    assertThat(after).isGreaterThan(before);
    assertThat(registry.events().after(before, 10)).extracting(e -> e.id()).contains(after);
    assertThat(registry.events().after(after, 10)).isEmpty();
  }

  @Test
  void exportReadsTheArtifactWhereTheRegistryRecordedIt(@TempDir Path elsewhere) throws Exception {
    ModelName model = ModelName.of("recorded-export");
    registry.models().create(model, "");
    ModelVersion seed = fixture.seed(model, "bytes stored by a daemon with another home");
    try (Registry otherHome =
        Registry.open(RegistryConfig.of(fixture.database.url(), elsewhere.resolve("artifacts")))) {
      Path viaOwnRoot = elsewhere.resolve("own-root.zip");
      assertThatThrownBy(() -> otherHome.versions().exportArtifact(seed.ref(), viaOwnRoot))
          .isInstanceOf(ArtifactIntegrityException.class)
          .hasMessageContaining("is missing");

      Path viaRecorded = elsewhere.resolve("recorded.zip");
      otherHome.versions().exportRecordedArtifact(seed.ref(), viaRecorded);
      assertThat(Files.readString(viaRecorded, StandardCharsets.UTF_8))
          .isEqualTo("bytes stored by a daemon with another home");
    }
  }

  @Test
  void theRecordedStoreIsFoundOnlyFromAUriInTheStoresLayout() {
    ModelName model = ModelName.of("recorded-layout");
    registry.models().create(model, "");
    ModelVersion seed = fixture.seed(model, "layout");
    assertThat(ArtifactStore.recordedStoreOf(seed.artifact()).map(ArtifactStore::root))
        .contains(fixture.artifactRoot.toAbsolutePath().normalize());
    var elsewhere =
        new dev.net2net.registry.artifact.StoredArtifact(
            seed.artifact().sha256(),
            seed.artifact().size(),
            Path.of("/tmp/not-a-store/" + seed.artifact().sha256().hex()).toUri());
    assertThat(ArtifactStore.recordedStoreOf(elsewhere)).isEmpty();
    var remote =
        new dev.net2net.registry.artifact.StoredArtifact(
            seed.artifact().sha256(),
            seed.artifact().size(),
            java.net.URI.create("s3://bucket/sha256/ab/" + seed.artifact().sha256().hex()));
    assertThat(ArtifactStore.recordedStoreOf(remote)).isEmpty();
  }
}
