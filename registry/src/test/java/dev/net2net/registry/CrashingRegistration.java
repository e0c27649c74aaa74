package dev.net2net.registry;

import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.NewVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashDuringRegistrationTest}: registers one version through the
 * public API. The test holds a lock that makes the registration block after its artifact is durable
 * and before its transaction commits, then kills this process.
 *
 * <p>Arguments: JDBC URL, artifact root, model name, artifact text.
 */
public final class CrashingRegistration {
  public static void main(String[] args) {
    RegistryConfig config =
        RegistryConfig.of(new DatabaseUrl.Jdbc(args[0]), Path.of(args[1]))
            .withSchemaAction(RegistryConfig.SchemaAction.REQUIRE_CURRENT);
    try (Registry registry = Registry.open(config)) {
      registry
          .versions()
          .register(
              NewVersion.seed(ModelName.of(args[2]), "dense", 10, RegistryFixture.DATA),
              ArtifactSource.ofBytes(args[3].getBytes(StandardCharsets.UTF_8)));
      System.out.println("committed");
    }
  }
}
