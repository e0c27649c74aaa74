package dev.net2net.registry;

import java.nio.file.Path;

/**
 * Where net2net keeps its local state when no other place is configured: {@code $NET2NET_HOME}, or
 * {@code ~/.net2net}. The embedded PostgreSQL data directory is {@code postgres/} and the artifact
 * store {@code artifacts/} under it, so the demo needs nothing installed and keeps its registry
 * across runs.
 */
public final class Net2NetHome {
  public static final String ENVIRONMENT_VARIABLE = "NET2NET_HOME";

  private Net2NetHome() {}

  public static Path directory() {
    String configured = System.getenv(ENVIRONMENT_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".net2net");
  }

  public static Path embeddedPostgresDirectory() {
    return directory().resolve("postgres");
  }

  public static Path artifactRoot() {
    return directory().resolve("artifacts");
  }
}
