package dev.net2net.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The repository's {@code dashboards/} folder as Grafana and Prometheus read it: the dashboard JSON
 * files, the provisioning YAML for data sources and dashboards, and the Prometheus scrape
 * configuration.
 */
final class DashboardFiles {
  static final String PROMETHEUS = "prometheus";
  static final String POSTGRES = "grafana-postgresql-datasource";
  static final String PROVISIONED_DATASOURCES = "provisioning/datasources/net2net.yaml";
  static final String PROVISIONED_DASHBOARDS = "provisioning/dashboards/net2net.yaml";
  static final String SCRAPE_CONFIG = "prometheus.yml";

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path folder;
  final List<Dashboard> dashboards;
  final List<Map<String, Object>> datasources;
  final List<Map<String, Object>> dashboardProviders;

  private DashboardFiles(
      Path folder,
      List<Dashboard> dashboards,
      List<Map<String, Object>> datasources,
      List<Map<String, Object>> dashboardProviders) {
    this.folder = folder;
    this.dashboards = dashboards;
    this.datasources = datasources;
    this.dashboardProviders = dashboardProviders;
  }

  /**
   * Reads {@code dashboards/} of the checkout the tests run in (Maven runs them in {@code
   * daemon/}).
   */
  static DashboardFiles load() {
    Path folder = locate();
    List<Dashboard> dashboards = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading the dashboards in " + folder + ": " + e.getMessage(), e);
    }
    return new DashboardFiles(
        folder,
        dashboards,
        list(yaml(folder.resolve(PROVISIONED_DATASOURCES)), "datasources", PROVISIONED_DATASOURCES),
        list(yaml(folder.resolve(PROVISIONED_DASHBOARDS)), "providers", PROVISIONED_DASHBOARDS));
  }

  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("dashboards");
      if (Files.isRegularFile(candidate.resolve(SCRAPE_CONFIG))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "no dashboards/"
            + SCRAPE_CONFIG
            + " in "
            + Path.of("").toAbsolutePath()
            + " or any folder above it: run the tests from the repository");
  }

  static Map<String, Object> yaml(Path file) {
    try {
      Object root =
          new Load(LoadSettings.builder().setLabel(file.toString()).build())
              .loadFromString(Files.readString(file));
      if (!(root instanceof Map<?, ?> map)) {
        throw new AssertionError(file + ": expected a YAML mapping at the top, got " + root);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return typed;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> root, String key, String file) {
    if (!(root.get(key) instanceof List<?> items)
        || items.isEmpty()
        || !items.stream().allMatch(i -> i instanceof Map<?, ?>)) {
      throw new AssertionError(
          file + ": '" + key + "' must be a non-empty list of mappings, got " + root.get(key));
    }
    return (List<Map<String, Object>>) items;
  }

  /** Grafana's PostgreSQL plugin answers to its old id too; everything else is its own id. */
  static String canonicalPlugin(String type) {
    return "postgres".equals(type) ? POSTGRES : type;
  }

  Optional<Map<String, Object>> provisionedDatasource(String uid) {
    return datasources.stream().filter(d -> uid.equals(d.get("uid"))).findFirst();
  }
}
