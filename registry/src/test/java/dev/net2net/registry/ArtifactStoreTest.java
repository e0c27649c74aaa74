package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.artifact.ArtifactIntegrityException;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.artifact.ArtifactStore;
import dev.net2net.registry.artifact.StoredArtifact;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir Path root;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void storesContentAddressedUnderShardDirectories() throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact stored = store.put(ArtifactSource.ofBytes(bytes("model zip")));
    Sha256 expected = Sha256.of(bytes("model zip"));
    assertThat(stored.sha256()).isEqualTo(expected);
    assertThat(stored.size()).isEqualTo(9);
    Path file =
        root.resolve("sha256").resolve(expected.hex().substring(0, 2)).resolve(expected.hex());
    assertThat(Path.of(stored.uri())).isEqualTo(file);
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes("model zip"));
    assertThat(store.put(ArtifactSource.ofBytes(bytes("model zip")))).isEqualTo(stored);
    try (var leftovers = Files.list(root.resolve("tmp"))) {
      assertThat(leftovers).isEmpty();
    }
  }

  @Test
  void storesFromAFile() throws Exception {
    Path zip =
        Files.write(root.resolveSibling(root.getFileName() + "-model.zip"), bytes("zip on disk"));
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact stored = store.put(ArtifactSource.ofFile(zip));
    assertThat(store.read(stored.sha256(), stored.size())).isEqualTo(bytes("zip on disk"));
  }

  @Test
  void aCorruptedArtifactIsDetectedOnEveryKindOfRead() throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact stored = store.put(ArtifactSource.ofBytes(bytes("pristine weights")));
    Path file = store.pathOf(stored.sha256());
    byte[] flipped = Files.readAllBytes(file);
    flipped[3] ^= 0x01;
    Files.write(file, flipped);

    assertThatThrownBy(() -> store.read(stored.sha256(), stored.size()))
        .isInstanceOfSatisfying(
            ArtifactIntegrityException.class,
            e -> assertThat(e.problem()).isEqualTo(ArtifactIntegrityException.Problem.CORRUPT))
        .hasMessageStartingWith(
            "artifact "
                + file
                + " is corrupt: expected "
                + stored.sha256()
                + " (16 bytes) but the file has sha256:");
    assertThatThrownBy(() -> store.verifiedPath(stored.sha256(), stored.size()))
        .isInstanceOf(ArtifactIntegrityException.class);
    Path out = root.resolveSibling(root.getFileName() + "-export.zip");
    assertThatThrownBy(() -> store.export(stored.sha256(), stored.size(), out))
        .isInstanceOf(ArtifactIntegrityException.class);
    assertThat(out).as("nothing is exported from a corrupt artifact").doesNotExist();

    // Storing the same bytes again repairs the file.
    store.put(ArtifactSource.ofBytes(bytes("pristine weights")));
    assertThat(store.read(stored.sha256(), stored.size())).isEqualTo(bytes("pristine weights"));
  }

  @Test
  void aTruncatedArtifactIsDetectedEvenIfTheSizeIsAllThatChanged() throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact stored = store.put(ArtifactSource.ofBytes(bytes("0123456789")));
    assertThatThrownBy(() -> store.read(stored.sha256(), 11))
        .isInstanceOf(ArtifactIntegrityException.class);
  }

  @Test
  void aMissingArtifactIsReportedWithItsPath() throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact stored = store.put(ArtifactSource.ofBytes(bytes("soon gone")));
    Files.delete(store.pathOf(stored.sha256()));
    assertThatThrownBy(() -> store.read(stored.sha256(), stored.size()))
        .isInstanceOfSatisfying(
            ArtifactIntegrityException.class,
            e -> assertThat(e.problem()).isEqualTo(ArtifactIntegrityException.Problem.MISSING))
        .hasMessage(
            "artifact "
                + stored.sha256()
                + " is missing: no file at "
                + store.pathOf(stored.sha256()));
  }

  @Test
  void theSweepKeepsNamedFilesAndRemovesOrphansAndInterruptedWrites() throws Exception {
    ArtifactStore store = new ArtifactStore(root);
    StoredArtifact kept = store.put(ArtifactSource.ofBytes(bytes("named")));
    StoredArtifact orphan = store.put(ArtifactSource.ofBytes(bytes("orphan")));
    Files.write(root.resolve("tmp").resolve("interrupted.partial"), bytes("half"));
    var report = store.sweep(Set.of(kept.sha256()));
    assertThat(report.removedArtifacts()).containsExactly(orphan.sha256());
    assertThat(report.removedTemporaryFiles()).isEqualTo(1);
    assertThat(report.kept()).isEqualTo(1);
    assertThat(store.pathOf(kept.sha256())).exists();
    assertThat(store.pathOf(orphan.sha256())).doesNotExist();
  }

  @Test
  void aCorruptedArtifactIsDetectedWhenLoadedThroughTheRegistry() throws Exception {
    try (RegistryFixture fixture = new RegistryFixture("corrupt", root)) {
      ModelName model = ModelName.of("corruptible");
      fixture.registry.models().create(model, "");
      ModelVersion version = fixture.seed(model, "weights");
      Files.write(
          fixture.registry.artifacts().pathOf(version.artifact().sha256()), bytes("weightz"));
      assertThatThrownBy(() -> fixture.registry.versions().readArtifact(version.ref()))
          .isInstanceOf(ArtifactIntegrityException.class)
          .hasMessageStartingWith("the artifact of corruptible:1: artifact ")
          .hasMessageContaining("is corrupt: expected " + version.artifact().sha256());
      assertThatThrownBy(() -> fixture.registry.versions().verifiedArtifactPath(version.ref()))
          .isInstanceOf(ArtifactIntegrityException.class);
    }
  }
}
