package dev.net2net.registry;

import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A registry on a fresh test database and a temporary artifact root, with helpers to register
 * versions.
 */
public final class RegistryFixture implements AutoCloseable {
  public static final DatasetSnapshot DATA =
      new DatasetSnapshot(60_000, Sha256.of("data".getBytes(StandardCharsets.UTF_8)));

  public final TestDatabase database;
  public final Registry registry;
  public final Path artifactRoot;

  public RegistryFixture(String purpose, Path artifactRoot) {
    this.database = TestDatabase.create(purpose);
    this.artifactRoot = artifactRoot;
    Registry opened;
    try {
      opened = Registry.open(RegistryConfig.of(database.url(), artifactRoot));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.registry = opened;
  }

  public ModelVersion seed(ModelName model, String artifactText) {
    return registry
        .versions()
        .register(
            NewVersion.seed(model, "dense 784-64-10", 50_890, DATA),
            ArtifactSource.ofBytes(artifactText.getBytes(StandardCharsets.UTF_8)));
  }

  public ModelVersion grow(VersionRef parent, String artifactText) {
    return registry
        .versions()
        .register(
            NewVersion.grown(
                parent,
                Transform.widen("dense_0", 64, 128, 0.01, 7),
                "dense 784-128-10",
                101_770,
                DATA,
                1e-6),
            ArtifactSource.ofBytes(artifactText.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      database.close();
    }
  }
}
