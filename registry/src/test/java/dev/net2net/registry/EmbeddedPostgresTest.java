package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.registry.model.ModelName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @Test
  void aSecondRegistryOnTheSameDataDirectoryAttachesToTheRunningServerAndDataPersists(
      @TempDir Path home) {
    DatabaseUrl embedded = new DatabaseUrl.Embedded(home.resolve("postgres"));
    RegistryConfig config = RegistryConfig.of(embedded, home.resolve("artifacts"));
    try (Registry owner = Registry.open(config)) {
      var ownerServer = owner.database().embeddedServer().orElseThrow();
      assertThat(ownerServer.startedHere()).isTrue();
      owner.models().create(ModelName.of("persisted"), "kept across restarts");

      try (Registry second = Registry.open(config)) {
        var attached = second.database().embeddedServer().orElseThrow();
        assertThat(attached.startedHere()).isFalse();
        assertThat(attached.port()).isEqualTo(ownerServer.port());
        assertThat(second.models().get(ModelName.of("persisted")).description())
            .isEqualTo("kept across restarts");
      }
      // The attached registry closing must not stop the owner's server.
      assertThat(owner.models().find(ModelName.of("persisted"))).isPresent();
    }
    try (Registry restarted = Registry.open(config)) {
      assertThat(restarted.database().embeddedServer().orElseThrow().startedHere()).isTrue();
      assertThat(restarted.models().get(ModelName.of("persisted")).description())
          .isEqualTo("kept across restarts");
    }
  }
}
