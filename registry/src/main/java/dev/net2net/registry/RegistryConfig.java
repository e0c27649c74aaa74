package dev.net2net.registry;

import dev.net2net.registry.db.DatabaseUrl;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a registry: which database, where artifacts live, whether to migrate the schema, and
 * the connection-pool size.
 */
public record RegistryConfig(
    DatabaseUrl database, Path artifactRoot, SchemaAction schema, int maxPoolSize) {

  /** What to do about the schema when opening. */
  public enum SchemaAction {
    /** Apply pending migrations (the daemon at start, {@code net2net migrate}). */
    MIGRATE,
    /** Refuse to open a database with pending migrations (read-only tools on a shared database). */
    REQUIRE_CURRENT
  }

  public static final int DEFAULT_POOL_SIZE = 8;

  public RegistryConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(artifactRoot, "artifactRoot");
    Objects.requireNonNull(schema, "schema");
    artifactRoot = artifactRoot.toAbsolutePath().normalize();
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
    }
  }

  /** The embedded database and artifact store under {@link Net2NetHome}, migrated on open. */
  public static RegistryConfig localDefaults() {
    return new RegistryConfig(
        DatabaseUrl.embeddedDefault(),
        Net2NetHome.artifactRoot(),
        SchemaAction.MIGRATE,
        DEFAULT_POOL_SIZE);
  }

  public static RegistryConfig of(DatabaseUrl database, Path artifactRoot) {
    return new RegistryConfig(database, artifactRoot, SchemaAction.MIGRATE, DEFAULT_POOL_SIZE);
  }

  public RegistryConfig withSchemaAction(SchemaAction action) {
    return new RegistryConfig(database, artifactRoot, action, maxPoolSize);
  }

  public RegistryConfig withMaxPoolSize(int size) {
    return new RegistryConfig(database, artifactRoot, schema, size);
  }
}
