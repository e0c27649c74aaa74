package dev.net2net.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.net2net.dashboards.Dashboard.Kind;
import dev.net2net.dashboards.Dashboard.Query;
import dev.net2net.dashboards.GrafanaTemplating.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard files as Grafana would load them, without running anything: stable unique uids, a
 * schema version, panel ids and grid positions, data source references that resolve to a
 * provisioned data source or a declared variable, variables that exist wherever a query uses one,
 * and provisioning and scrape configurations that agree with the dashboards. {@link
 * DashboardQueriesTest} runs the queries themselves.
 */
class DashboardStructureTest {
  private static final DashboardFiles FILES = DashboardFiles.load();

  /** Grafana's limit for a uid, and the characters that survive a URL unescaped. */
  private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  /**
   * Data source references in the classic model are objects since schema 33; older ones hold names.
   */
  private static final int MIN_SCHEMA_VERSION = 36;

  private static final Pattern DS_VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

  private static void report(List<String> problems) {
    assertThat(problems).as("problems in the dashboards of %s", FILES.folder).isEmpty();
  }

  @Test
  void everyDashboardIsAClassicDashboardWithAStableUniqueUid() {
    List<String> problems = new ArrayList<>();
    assertThat(FILES.dashboards)
        .as("dashboard JSON files in %s", FILES.folder)
        .hasSizeGreaterThanOrEqualTo(2);
    Map<String, String> uids = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    for (Dashboard d : FILES.dashboards) {
      String where = d.name() + ": ";
      if (!UID.matcher(d.uid()).matches()) {
        problems.add(where + "uid '" + d.uid() + "' is not 1-40 letters, digits, '-' or '_'");
      }
      String other = uids.put(d.uid(), d.name());
      if (other != null) {
        problems.add(where + "uid '" + d.uid() + "' is also the uid of " + other);
      }
      if (d.title().isBlank()) {
        problems.add(where + "has no title");
      } else if ((other = titles.put(d.title(), d.name())) != null) {
        problems.add(where + "title '" + d.title() + "' is also the title of " + other);
      }
      if (!d.json().path("schemaVersion").isInt()
          || d.json().path("schemaVersion").asInt() < MIN_SCHEMA_VERSION) {
        problems.add(
            where
                + "schemaVersion must be an integer of at least "
                + MIN_SCHEMA_VERSION
                + ", is "
                + d.json().path("schemaVersion"));
      }
      // Provisioned dashboards are matched by uid; a numeric id from another Grafana would clash.
      if (!d.json().path("id").isNull()) {
        problems.add(
            where + "id must be null in a provisioned dashboard, is " + d.json().path("id"));
      }
      Optional<JsonNode> model = d.variable("model");
      if (model.isEmpty() || !"query".equals(model.get().path("type").asText())) {
        problems.add(where + "has no 'model' query variable");
      }
      Set<String> names = new HashSet<>();
      for (JsonNode v : d.variables()) {
        if (!names.add(v.path("name").asText())) {
          problems.add(where + "variable '" + v.path("name").asText() + "' is declared twice");
        }
      }
      for (String end : List.of("from", "to")) {
        try {
          GrafanaTemplating.relativeTime(d.json().path("time").path(end).asText(""), Instant.now());
        } catch (IllegalArgumentException e) {
          problems.add(where + "time." + end + ": " + e.getMessage());
        }
      }
    }
    report(problems);
  }

  @Test
  void panelsHaveUniqueIdsTargetsAndPlacesOnTheGrid() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : FILES.dashboards) {
      Map<Integer, String> ids = new HashMap<>();
      List<int[]> placed = new ArrayList<>();
      List<String> placedTitles = new ArrayList<>();
      for (JsonNode panel : d.panels()) {
        String where = d.name() + ": panel '" + panel.path("title").asText() + "': ";
        if (!panel.path("id").isInt() || panel.path("id").asInt() < 1) {
          problems.add(where + "id must be a positive integer, is " + panel.path("id"));
        } else {
          String other = ids.put(panel.path("id").asInt(), panel.path("title").asText());
          if (other != null) {
            problems.add(
                where + "id " + panel.path("id") + " is also the id of panel '" + other + "'");
          }
        }
        if (panel.path("title").asText().isBlank()) {
          problems.add(where + "has no title");
        }
        JsonNode g = panel.path("gridPos");
        int x = g.path("x").asInt(-1),
            y = g.path("y").asInt(-1),
            w = g.path("w").asInt(-1),
            h = g.path("h").asInt(-1);
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > 24) {
          problems.add(where + "gridPos " + g + " is not inside the 24-column grid");
        } else {
          for (int i = 0; i < placed.size(); i++) {
            int[] o = placed.get(i);
            if (x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h) {
              problems.add(
                  where + "gridPos " + g + " overlaps panel '" + placedTitles.get(i) + "'");
            }
          }
          placed.add(new int[] {x, y, w, h});
          placedTitles.add(panel.path("title").asText());
        }
        if ("row".equals(panel.path("type").asText())) {
          continue;
        }
        if (panel.path("targets").size() == 0) {
          problems.add(where + "has no queries");
        }
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : panel.path("targets")) {
          if (!refIds.add(target.path("refId").asText(""))) {
            problems.add(
                where
                    + "refId '"
                    + target.path("refId").asText("")
                    + "' is used twice (or missing)");
          }
        }
        for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
          JsonNode matcher = override.path("matcher");
          if ("byFrameRefID".equals(matcher.path("id").asText())
              && !refIds.contains(matcher.path("options").asText())) {
            problems.add(
                where
                    + "an override matches refId '"
                    + matcher.path("options").asText()
                    + "', which no query of the panel has");
          }
        }
      }
    }
    report(problems);
  }

  @Test
  void everyDataSourceReferenceResolvesToAProvisionedDataSourceOrADeclaredVariable() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : FILES.dashboards) {
      for (JsonNode panel : d.panels()) {
        if ("row".equals(panel.path("type").asText())) {
          continue;
        }
        String where = d.name() + ": panel '" + panel.path("title").asText() + "'";
        resolve(d, panel.path("datasource"), where, problems);
        for (JsonNode target : panel.path("targets")) {
          JsonNode own = target.path("datasource");
          resolve(
              d,
              Dashboard.datasourceOf(panel, target),
              where + " [" + target.path("refId").asText() + "]",
              problems);
          // A panel queries one data source unless it is a "Mixed" panel, which these are not.
          if (own.isObject() && !own.equals(panel.path("datasource"))) {
            problems.add(
                where
                    + " ["
                    + target.path("refId").asText()
                    + "]: target data source "
                    + own
                    + " differs from the panel's "
                    + panel.path("datasource"));
          }
        }
      }
      for (JsonNode annotation : d.annotations()) {
        if (annotation.path("builtIn").asInt(0) != 1) {
          resolve(
              d,
              annotation.path("datasource"),
              d.name() + ": annotation '" + annotation.path("name").asText() + "'",
              problems);
        }
      }
      for (JsonNode v : d.variables()) {
        String where = d.name() + ": variable '" + v.path("name").asText() + "'";
        switch (v.path("type").asText()) {
          case "datasource" -> {
            String plugin = DashboardFiles.canonicalPlugin(v.path("query").asText());
            String current = v.path("current").path("value").asText("");
            Optional<Map<String, Object>> provisioned = FILES.provisionedDatasource(current);
            if (provisioned.isEmpty()) {
              problems.add(
                  where
                      + ": its default '"
                      + current
                      + "' is not the uid of a provisioned data source");
            } else if (!plugin.equals(
                DashboardFiles.canonicalPlugin(String.valueOf(provisioned.get().get("type"))))) {
              problems.add(
                  where
                      + ": lists '"
                      + plugin
                      + "' data sources but defaults to '"
                      + current
                      + "' of type "
                      + provisioned.get().get("type"));
            }
          }
          case "query" -> resolve(d, v.path("datasource"), where, problems);
          default ->
              problems.add(
                  where
                      + ": type '"
                      + v.path("type").asText()
                      + "' is not one the query test can resolve (datasource or query)");
        }
      }
    }
    report(problems);
  }

  /**
   * A reference {type, uid} whose uid is a data source variable of the same plugin, or a
   * provisioned uid.
   */
  private static void resolve(Dashboard d, JsonNode ref, String where, List<String> problems) {
    if (!ref.isObject()) {
      problems.add(where + ": data source must be a {type, uid} reference, is " + ref);
      return;
    }
    String type = DashboardFiles.canonicalPlugin(ref.path("type").asText(""));
    String uid = ref.path("uid").asText("");
    Matcher m = DS_VARIABLE.matcher(uid);
    if (m.matches()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      Optional<JsonNode> variable = d.variable(name);
      if (variable.isEmpty() || !"datasource".equals(variable.get().path("type").asText())) {
        problems.add(
            where + ": data source " + uid + " names no data source variable of the dashboard");
      } else if (!type.equals(
          DashboardFiles.canonicalPlugin(variable.get().path("query").asText()))) {
        problems.add(
            where
                + ": data source "
                + uid
                + " lists '"
                + variable.get().path("query").asText()
                + "' data sources, but the reference says type '"
                + type
                + "'");
      }
      return;
    }
    Optional<Map<String, Object>> provisioned = FILES.provisionedDatasource(uid);
    if (provisioned.isEmpty()) {
      problems.add(
          where
              + ": data source uid '"
              + uid
              + "' is neither a variable nor a provisioned data source");
    } else if (!type.equals(
        DashboardFiles.canonicalPlugin(String.valueOf(provisioned.get().get("type"))))) {
      problems.add(
          where
              + ": data source '"
              + uid
              + "' is of type "
              + provisioned.get().get("type")
              + ", the reference says '"
              + type
              + "'");
    }
  }

  @Test
  void everyVariableAQueryOrTitleUsesIsDefined() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : FILES.dashboards) {
      Set<String> declared = new HashSet<>();
      d.variables().forEach(v -> declared.add(v.path("name").asText()));
      List<Map.Entry<String, String>> texts = new ArrayList<>();
      for (Query q : d.queries()) {
        texts.add(Map.entry(q + " query", q.text()));
        texts.add(Map.entry(q + " legend", q.legendFormat()));
      }
      for (JsonNode panel : d.panels()) {
        texts.add(
            Map.entry(
                d.name() + ": title of panel " + panel.path("id").asText(),
                panel.path("title").asText()));
      }
      for (JsonNode v : d.variables()) {
        String where = d.name() + ": variable '" + v.path("name").asText() + "'";
        if (!"query".equals(v.path("type").asText())) {
          continue;
        }
        try {
          String query =
              DashboardFiles.PROMETHEUS.equals(v.path("datasource").path("type").asText())
                  ? GrafanaTemplating.prometheusVariableQuery(v.path("query"))
                  : v.path("query").asText();
          texts.add(Map.entry(where, query + " " + v.path("definition").asText()));
        } catch (IllegalArgumentException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
      for (Map.Entry<String, String> entry : texts) {
        String where = entry.getKey();
        for (String name : GrafanaTemplating.referencedNames(entry.getValue())) {
          boolean known =
              name.startsWith("__")
                  ? GrafanaTemplating.BUILT_IN.contains(name)
                      || GrafanaTemplating.SQL_MACROS.contains(name)
                  : declared.contains(name);
          if (!known) {
            problems.add(
                where
                    + ": $"
                    + name
                    + " is not a variable of the dashboard nor a Grafana built-in");
          }
        }
      }
    }
    report(problems);
  }

  @Test
  void queriesAreWrittenTheWayGrafanaRunsThem() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : FILES.dashboards) {
      for (Query q : d.queries()) {
        if (q.text().isBlank()) {
          problems.add(q + ": empty query");
        }
        if (q.kind() == Kind.POSTGRES) {
          // Without rawQuery Grafana rebuilds the SQL from its visual builder and ignores rawSql.
          if (!q.target().path("rawQuery").asBoolean(false)
              || !"code".equals(q.target().path("editorMode").asText())) {
            problems.add(q + ": an SQL target needs rawQuery true and editorMode 'code'");
          }
          if (!Set.of("table", "time_series").contains(q.format())) {
            problems.add(q + ": format '" + q.format() + "' is neither table nor time_series");
          }
        }
      }
    }
    report(problems);
  }

  @Test
  void provisioningAgreesWithTheDashboardsAndThePrometheusConfiguration() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> uids = new HashSet<>();
    for (Map<String, Object> ds : FILES.datasources) {
      String where =
          DashboardFiles.PROVISIONED_DATASOURCES + ": data source '" + ds.get("name") + "'";
      if (!names.add(String.valueOf(ds.get("name"))) || !uids.add(String.valueOf(ds.get("uid")))) {
        problems.add(where + ": name or uid used twice");
      }
      if (!UID.matcher(String.valueOf(ds.get("uid"))).matches()) {
        problems.add(
            where + ": uid '" + ds.get("uid") + "' is not 1-40 letters, digits, '-' or '_'");
      }
      String type = DashboardFiles.canonicalPlugin(String.valueOf(ds.get("type")));
      if (!Set.of(DashboardFiles.PROMETHEUS, DashboardFiles.POSTGRES).contains(type)) {
        problems.add(
            where
                + ": type '"
                + ds.get("type")
                + "' is not prometheus or "
                + DashboardFiles.POSTGRES);
      }
      if (String.valueOf(ds.get("url")).isBlank()) {
        problems.add(where + ": no url");
      }
      if (type.equals(DashboardFiles.POSTGRES)
          && !(ds.get("jsonData") instanceof Map<?, ?> j && j.get("database") != null)) {
        problems.add(where + ": a PostgreSQL data source names its database in jsonData.database");
      }
    }
    Map<String, Object> prometheus =
        DashboardFiles.yaml(FILES.folder.resolve(DashboardFiles.SCRAPE_CONFIG));
    Object scrapeInterval = ((Map<?, ?>) prometheus.get("global")).get("scrape_interval");
    for (Map<String, Object> ds : FILES.datasources) {
      if (DashboardFiles.PROMETHEUS.equals(ds.get("type"))) {
        // Grafana computes $__rate_interval from this; a smaller value than the real interval makes
        // rate() gappy.
        Object timeInterval =
            ds.get("jsonData") instanceof Map<?, ?> j ? j.get("timeInterval") : null;
        if (!String.valueOf(scrapeInterval).equals(String.valueOf(timeInterval))) {
          problems.add(
              DashboardFiles.PROVISIONED_DATASOURCES
                  + ": jsonData.timeInterval "
                  + timeInterval
                  + " differs from the scrape_interval "
                  + scrapeInterval
                  + " of "
                  + DashboardFiles.SCRAPE_CONFIG);
        }
      }
    }
    for (Map<String, Object> provider : FILES.dashboardProviders) {
      if (!"file".equals(provider.get("type"))
          || !(provider.get("options") instanceof Map<?, ?> o)
          || o.get("path") == null) {
        problems.add(
            DashboardFiles.PROVISIONED_DASHBOARDS
                + ": provider '"
                + provider.get("name")
                + "' must be of type file with options.path");
      }
    }
    report(problems);
  }

  @Test
  void theScrapeConfigurationIsValidForPrometheusAndScrapesALocalDaemon() throws Exception {
    assertThat(PrometheusServer.PROMTOOL)
        .as(PrometheusServer.PROMTOOL + " " + PrometheusServer.MISSING)
        .isExecutable();
    Process check =
        new ProcessBuilder(
                PrometheusServer.PROMTOOL.toString(),
                "check",
                "config",
                FILES.folder.resolve(DashboardFiles.SCRAPE_CONFIG).toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(check.exitValue()).as("promtool check config says:\n%s", output).isZero();
    String text = Files.readString(FILES.folder.resolve(DashboardFiles.SCRAPE_CONFIG));
    assertThat(text)
        .contains("job_name: net2net")
        .contains("metrics_path: /metrics")
        .contains("'127.0.0.1:8080'");
  }

  @Test
  void templatingExpandsVariablesAndMacrosAsGrafanaDoes() throws Exception {
    Map<String, Value> vars =
        Map.of(
            "model", new Value(List.of("it's"), false, false),
            "instance", new Value(List.of(".+"), true, true),
            "replicas", new Value(List.of("a:1", "b.2"), true, false));
    Map<String, String> builtIns = Map.of("__rate_interval", "22s");
    assertThat(
            GrafanaTemplating.interpolate(
                "rate(x{model=\"$model\",i=~\"${instance}\"}[$__rate_interval])",
                Kind.PROMETHEUS,
                vars,
                builtIns))
        .isEqualTo("rate(x{model=\"it's\",i=~\".+\"}[22s])");
    assertThat(
            GrafanaTemplating.interpolate(
                "x{r=~\"[[replicas]]\"}", Kind.PROMETHEUS, vars, builtIns))
        .isEqualTo("x{r=~\"(a:1|b\\.2)\"}");
    assertThat(
            GrafanaTemplating.interpolate(
                "WHERE m = '$model' AND r IN ($replicas) AND $__timeFilter(t)",
                Kind.POSTGRES,
                vars,
                builtIns))
        .isEqualTo("WHERE m = 'it''s' AND r IN ('a:1','b.2') AND $__timeFilter(t)");
    assertThatThrownBy(
            () -> GrafanaTemplating.interpolate("x{m=\"$nope\"}", Kind.PROMETHEUS, vars, builtIns))
        .hasMessageContaining("$nope is not defined");
    assertThatThrownBy(
            () -> GrafanaTemplating.interpolate("x[$__interval]", Kind.PROMETHEUS, vars, builtIns))
        .hasMessageContaining("$__interval");
    Instant from = Instant.parse("2026-01-02T03:04:05Z");
    Instant to = Instant.parse("2026-01-02T09:04:05Z");
    assertThat(
            GrafanaTemplating.expandSqlMacros(
                "WHERE $__timeFilter(e.at) AND x > $__timeFrom()", from, to))
        .isEqualTo(
            "WHERE e.at BETWEEN '2026-01-02T03:04:05Z' AND '2026-01-02T09:04:05Z'"
                + " AND x > '2026-01-02T03:04:05Z'");
    assertThatThrownBy(() -> GrafanaTemplating.expandSqlMacros("$__timeGroup(t, '1m')", from, to))
        .hasMessageContaining("$__timeGroup");
    assertThat(GrafanaTemplating.relativeTime("now-6h", to)).isEqualTo(from);
    ObjectMapper json = new ObjectMapper();
    assertThat(
            GrafanaTemplating.prometheusVariableQuery(
                json.readTree(
                    "{\"qryType\": 1, \"label\": \"model\", \"metric\": \"m\", \"query\": \"not run\"}")))
        .isEqualTo("label_values(m,model)");
    assertThatThrownBy(
            () ->
                GrafanaTemplating.prometheusVariableQuery(
                    json.readTree("{\"qryType\": 1, \"query\": \"label_values(m, model)\"}")))
        .hasMessageContaining("qryType 1 with a label");
  }
}
