package dev.net2net.cli.registry;

import dev.net2net.registry.Net2NetHome;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.db.DatabaseUrl;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every registry command shares: which database, and where the artifacts are. */
final class DatabaseOptions {
  static final String DB_URL_VARIABLE = "NET2NET_DB_URL";

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      description = {
        "The registry database: jdbc:postgresql://HOST[:PORT]/DB[?user=..], postgresql://USER@HOST/DB,",
        "embedded (the default: an embedded PostgreSQL under $NET2NET_HOME or ~/.net2net) or embedded:DIR.",
        "Default: $" + DB_URL_VARIABLE + " if set, else embedded."
      })
  String dbUrl;

  @Option(
      names = "--artifacts",
      paramLabel = "DIR",
      description =
          "The artifact store's root directory (default: artifacts/ under $NET2NET_HOME or ~/.net2net;"
              + " export reads the artifact where the registry recorded it unless this is given).")
  Path artifactRoot;

  DatabaseUrl databaseUrl() {
    String text =
        Optional.ofNullable(dbUrl)
            .or(() -> Optional.ofNullable(System.getenv(DB_URL_VARIABLE)).filter(s -> !s.isBlank()))
            .orElse("embedded");
    return DatabaseUrl.parse(text);
  }

  Path artifactRoot() {
    return artifactRoot != null ? artifactRoot : Net2NetHome.artifactRoot();
  }

  /**
   * Opens the registry for a command. The embedded database is ours to migrate; a shared server is
   * migrated only by 'net2net migrate' (or the daemon), so reading commands never change its
   * schema.
   */
  Registry open(boolean showProgress) {
    CommandLogging.configure(showProgress);
    DatabaseUrl url = databaseUrl();
    RegistryConfig.SchemaAction schema =
        url instanceof DatabaseUrl.Embedded
            ? RegistryConfig.SchemaAction.MIGRATE
            : RegistryConfig.SchemaAction.REQUIRE_CURRENT;
    return Registry.open(new RegistryConfig(url, artifactRoot(), schema, 2));
  }
}
