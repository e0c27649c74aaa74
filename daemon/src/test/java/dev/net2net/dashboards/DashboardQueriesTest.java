package dev.net2net.dashboards;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.net2net.daemon.DaemonHarness;
import dev.net2net.daemon.Net2NetDaemon;
import dev.net2net.dashboards.Dashboard.Kind;
import dev.net2net.dashboards.Dashboard.Query;
import dev.net2net.dashboards.GrafanaTemplating.Value;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Every panel of every dashboard shows data from a running daemon. The daemon runs on a small drip
 * of Fashion-MNIST against the real PostgreSQL; a real Prometheus scrapes it with the shipped
 * scrape configuration; the policy promotes one widened version and then rejects the next, and the
 * API answers a few bad requests. Then every PromQL expression of every panel is evaluated through
 * Prometheus's HTTP API and every SQL query of every panel and annotation runs against the
 * registry, with the dashboard's variables, built-ins and macros expanded as Grafana would: each
 * must succeed and return data.
 */
class DashboardQueriesTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /**
   * The test's Prometheus scrapes every second, so the post-growth state is visible within seconds.
   */
  private static final Duration SCRAPE = Duration.ofSeconds(1);

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*(?:(.+?)\\s*,\\s*)?(\\w+)\\s*\\)");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

  @TempDir Path work;

  @Test
  void everyQueryOfEveryPanelReturnsDataFromARunningDaemon() throws Exception {
    DashboardFiles files = DashboardFiles.load();
    assertThat(PrometheusServer.BINARY)
        .as(PrometheusServer.BINARY + " " + PrometheusServer.MISSING)
        .isExecutable();
    try (DaemonHarness harness =
        DaemonHarness.create("dashboards", DaemonHarness.widenOnGrowth(0.0, 1))) {
      harness.drip(1000);
      Net2NetDaemon daemon = harness.start("worker-dashboards");
      PrometheusServer prometheus =
          PrometheusServer.start(scrapeConfig(files, daemon.httpPort()), work);
      try {
        growOnceAndRejectOnce(harness, daemon);
        answerBadRequests(harness, daemon);
        awaitScraped(
            prometheus,
            "the rejected growth and the champion it left",
            "net2net_growth_attempts_total{model=\""
                + MODEL
                + "\",kind=\"widen\",outcome=\"rejected\"}",
            "net2net_champion_version{model=\"" + MODEL + "\"} == 2",
            "vertx_http_server_requests_total{code=\"404\"}");

        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        try (Connection db = harness.database().connect()) {
          for (Dashboard dashboard : files.dashboards) {
            Map<String, Value> variables = variables(dashboard, prometheus, db, problems);
            if (variables == null) {
              continue;
            }
            Instant from =
                GrafanaTemplating.relativeTime(
                    dashboard.json().path("time").path("from").asText(), now);
            Instant to =
                GrafanaTemplating.relativeTime(
                    dashboard.json().path("time").path("to").asText(), now);
            Map<String, String> builtIns = builtIns(from, to);
            List<Query> queries = dashboard.queries();
            assertThat(queries).as("queries of %s", dashboard.name()).isNotEmpty();
            for (Query q : queries) {
              if (q.kind() == Kind.POSTGRES) {
                checkSql(q, db, variables, builtIns, from, to).ifPresent(problems::add);
              }
            }
            problems.addAll(
                checkPrometheusUntilAllAnswer(
                    prometheus,
                    queries.stream().filter(q -> q.kind() == Kind.PROMETHEUS).toList(),
                    variables,
                    builtIns));
          }
        }
        assertThat(problems).as("dashboard queries that fail or return no data").isEmpty();
      } finally {
        prometheus.close();
      }
    }
  }

  /** The shipped scrape configuration, pointed at the test's daemon and scraping every second. */
  private Path scrapeConfig(DashboardFiles files, int port) throws IOException {
    Map<String, Object> config =
        DashboardFiles.yaml(files.folder.resolve(DashboardFiles.SCRAPE_CONFIG));
    @SuppressWarnings("unchecked")
    Map<String, Object> global = (Map<String, Object>) config.get("global");
    global.put("scrape_interval", SCRAPE.toSeconds() + "s");
    global.put("scrape_timeout", SCRAPE.toSeconds() + "s");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
    Map<String, Object> job =
        jobs.stream()
            .filter(j -> "net2net".equals(j.get("job_name")))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(DashboardFiles.SCRAPE_CONFIG + " has no job 'net2net'"));
    job.put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + port))));
    Path file = work.resolve("prometheus.yml");
    Files.writeString(
        file,
        new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
            .dumpToString(config));
    return file;
  }

  /** The seed, a widened version the gate promotes, then one a gate nobody can pass rejects. */
  private static void growOnceAndRejectOnce(DaemonHarness harness, Net2NetDaemon daemon)
      throws Exception {
    Registry registry = harness.registry();
    await(
        PATIENCE,
        "the seed version to become champion",
        () -> champion(registry).equals(Optional.of(1)));
    harness.drip(1000);
    await(
        PATIENCE,
        "a widened version to become champion",
        () -> champion(registry).equals(Optional.of(2)));
    harness.writePolicy(DaemonHarness.widenOnGrowth(1.0, 1));
    var reload =
        harness.send(
            daemon, "POST", "/api/policies/reload", Optional.of(DaemonHarness.TOKEN), null);
    assertThat(reload.status()).as(reload.body()).isEqualTo(200);
    harness.drip(2000);
    await(
        PATIENCE,
        "a third version, rejected by the gate",
        () ->
            registry.models().find(NAME).isPresent()
                && registry.versions().list(NAME).size() >= 3
                && registry.versions().get(new VersionRef(NAME, 3)).state().status()
                    == VersionStatus.REJECTED);
  }

  private static Optional<Integer> champion(Registry registry) {
    return registry.models().find(NAME).isEmpty()
        ? Optional.empty()
        : registry.aliases().resolve(NAME, AliasName.CHAMPION);
  }

  /**
   * What the error-responses panel is for: an unknown model (404) and a call without the token
   * (401).
   */
  private static void answerBadRequests(DaemonHarness harness, Net2NetDaemon daemon)
      throws Exception {
    assertThat(harness.get(daemon, "/api/models/no-such-model").status()).isEqualTo(404);
    assertThat(
            harness.send(daemon, "POST", "/api/policies/reload", Optional.empty(), null).status())
        .isEqualTo(401);
  }

  private static void awaitScraped(PrometheusServer prometheus, String what, String... selectors)
      throws InterruptedException {
    await(
        PATIENCE,
        "Prometheus to have scraped " + what,
        () -> {
          for (String selector : selectors) {
            try {
              if (prometheus.query(selector).path("result").size() == 0) {
                return false;
              }
            } catch (PrometheusServer.QueryError | IOException e) {
              throw new AssertionError("Prometheus refused " + selector + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }
          return true;
        });
  }

  /**
   * Grafana's built-ins for the dashboard's time range, as it would compute them if the data
   * source's scrape interval were the test's: {@code $__interval} is the range over about 1,000
   * points (never below the scrape interval) and {@code $__rate_interval} is max($__interval +
   * scrape interval, 4 x scrape interval).
   */
  private static Map<String, String> builtIns(Instant from, Instant to) {
    long rangeSeconds = Duration.between(from, to).toSeconds();
    long interval = Math.max(rangeSeconds / 1000, SCRAPE.toSeconds());
    long rate = Math.max(interval + SCRAPE.toSeconds(), 4 * SCRAPE.toSeconds());
    return Map.of(
        "__interval",
        interval + "s",
        "__interval_ms",
        Long.toString(interval * 1000),
        "__rate_interval",
        rate + "s",
        "__range",
        rangeSeconds + "s",
        "__range_s",
        Long.toString(rangeSeconds),
        "__range_ms",
        Long.toString(rangeSeconds * 1000));
  }

  /**
   * Each variable's options from its own query, and the selection Grafana would open the dashboard
   * with: "All" (its allValue) when that is the saved choice, the saved value if it is still an
   * option, else the first option. Null, with problems reported, when a variable has no options.
   */
  private static Map<String, Value> variables(
      Dashboard dashboard, PrometheusServer prometheus, Connection db, List<String> problems)
      throws Exception {
    Map<String, Value> values = new LinkedHashMap<>();
    for (JsonNode v : dashboard.variables()) {
      String name = v.path("name").asText();
      if ("datasource".equals(v.path("type").asText())) {
        continue;
      }
      String where = dashboard.name() + ": variable '" + name + "'";
      String type = DashboardFiles.canonicalPlugin(v.path("datasource").path("type").asText());
      String query;
      try {
        query =
            type.equals(DashboardFiles.PROMETHEUS)
                ? GrafanaTemplating.prometheusVariableQuery(v.path("query"))
                : v.path("query").asText();
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
        return null;
      }
      List<String> options;
      if (type.equals(DashboardFiles.PROMETHEUS)) {
        Matcher m = LABEL_VALUES.matcher(query.trim());
        if (!m.matches()) {
          problems.add(where + ": only label_values(...) queries are supported here, not " + query);
          return null;
        }
        String selector = m.group(1) != null ? m.group(1) : "{" + m.group(2) + "!=\"\"}";
        options = prometheus.labelValues(m.group(2), selector).stream().sorted().toList();
      } else {
        options = new ArrayList<>();
        try (Statement s = db.createStatement();
            ResultSet rs = s.executeQuery(query)) {
          while (rs.next()) {
            options.add(rs.getString(1));
          }
        }
      }
      if (options.isEmpty()) {
        problems.add(
            where
                + ": its query "
                + query
                + " has no values, so every query using $"
                + name
                + " is empty");
        return null;
      }
      if (name.equals("model") && !options.contains(MODEL)) {
        problems.add(where + ": options " + options + " lack the daemon's model " + MODEL);
      }
      boolean multi = v.path("multi").asBoolean(false) || v.path("includeAll").asBoolean(false);
      List<String> current = new ArrayList<>();
      JsonNode saved = v.path("current").path("value");
      if (saved.isArray()) {
        saved.forEach(s -> current.add(s.asText()));
      } else if (saved.isTextual() && !saved.asText().isEmpty()) {
        current.add(saved.asText());
      }
      if (current.contains("$__all") && v.path("includeAll").asBoolean(false)) {
        values.put(
            name,
            v.hasNonNull("allValue")
                ? new Value(List.of(v.path("allValue").asText()), true, true)
                : new Value(options, true, false));
      } else if (!current.isEmpty() && options.containsAll(current)) {
        values.put(name, new Value(current, multi, false));
      } else {
        values.put(name, new Value(List.of(options.get(0)), multi, false));
      }
    }
    return values;
  }

  /**
   * Evaluates the expressions until all return data or a short patience runs out: a counter or
   * gauge appears at the first scrape after the daemon registers it, and rate() needs two samples.
   * What still fails then is reported, with Prometheus's own error or what was missing.
   */
  private static List<String> checkPrometheusUntilAllAnswer(
      PrometheusServer prometheus,
      List<Query> queries,
      Map<String, Value> variables,
      Map<String, String> builtIns)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
    while (true) {
      List<String> problems = new ArrayList<>();
      for (Query q : queries) {
        checkPrometheus(q, prometheus, variables, builtIns).ifPresent(problems::add);
      }
      if (problems.isEmpty() || Instant.now().isAfter(deadline)) {
        return problems;
      }
      Thread.sleep(SCRAPE.toMillis());
    }
  }

  private static Optional<String> checkPrometheus(
      Query q,
      PrometheusServer prometheus,
      Map<String, Value> variables,
      Map<String, String> builtIns)
      throws IOException, InterruptedException {
    String expr;
    try {
      expr = GrafanaTemplating.interpolate(q.text(), Kind.PROMETHEUS, variables, builtIns);
    } catch (IllegalArgumentException e) {
      return Optional.of(q + ": " + e.getMessage() + " in " + q.text());
    }
    JsonNode data;
    try {
      data = prometheus.query(expr);
    } catch (PrometheusServer.QueryError e) {
      return Optional.of(q + ": Prometheus refused " + expr + ": " + e.getMessage());
    }
    String type = data.path("resultType").asText();
    List<String> legendLabels = new ArrayList<>();
    LEGEND_LABEL.matcher(q.legendFormat()).results().forEach(r -> legendLabels.add(r.group(1)));
    if (type.equals("scalar")) {
      return data.path("result").path(1).asText().equals("NaN")
          ? Optional.of(q + ": " + expr + " is NaN")
          : legendLabels.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  q
                      + ": "
                      + expr
                      + " is a scalar, which has none of the legend's labels "
                      + legendLabels);
    }
    if (!type.equals("vector")) {
      return Optional.of(q + ": " + expr + " returns a " + type + ", which a panel cannot draw");
    }
    JsonNode result = data.path("result");
    if (result.size() == 0) {
      return Optional.of(q + ": " + expr + " returned no series");
    }
    boolean allNaN = true;
    for (JsonNode series : result) {
      allNaN &= series.path("value").path(1).asText().equals("NaN");
      for (String label : legendLabels) {
        if (!series.path("metric").has(label)) {
          return Optional.of(
              q
                  + ": legend '"
                  + q.legendFormat()
                  + "' names label '"
                  + label
                  + "', which series "
                  + series.path("metric")
                  + " of "
                  + expr
                  + " lacks");
        }
      }
    }
    return allNaN
        ? Optional.of(q + ": " + expr + " returned only NaN: " + result)
        : Optional.empty();
  }

  /**
   * Runs one SQL query as the PostgreSQL data source would, and checks the columns its panel reads.
   */
  private static Optional<String> checkSql(
      Query q,
      Connection db,
      Map<String, Value> variables,
      Map<String, String> builtIns,
      Instant from,
      Instant to) {
    String sql;
    try {
      sql =
          GrafanaTemplating.expandSqlMacros(
              GrafanaTemplating.interpolate(q.text(), Kind.POSTGRES, variables, builtIns),
              from,
              to);
    } catch (IllegalArgumentException e) {
      return Optional.of(q + ": " + e.getMessage() + " in\n" + q.text());
    }
    List<String> columns = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    int rows = 0;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
        types.add(meta.getColumnType(i));
      }
      while (rs.next()) {
        rows++;
      }
    } catch (SQLException e) {
      return Optional.of(q + ": the registry refused\n" + sql + "\n: " + e.getMessage());
    }
    if (rows == 0) {
      return Optional.of(q + ": returned no rows:\n" + sql);
    }
    if ((q.annotation() || q.format().equals("time_series")) && !columns.contains("time")) {
      return Optional.of(q + ": Grafana needs a column named time, the query returns " + columns);
    }
    if (q.annotation() && !columns.contains("text")) {
      return Optional.of(
          q + ": an annotation without a text column shows nothing on hover; columns " + columns);
    }
    if (q.format().equals("time_series") && !q.annotation()) {
      Set<Integer> numeric =
          Set.of(
              Types.BIGINT,
              Types.INTEGER,
              Types.SMALLINT,
              Types.DOUBLE,
              Types.REAL,
              Types.FLOAT,
              Types.NUMERIC,
              Types.DECIMAL);
      boolean hasValue = false;
      for (int i = 0; i < columns.size(); i++) {
        hasValue |= !columns.get(i).equals("time") && numeric.contains(types.get(i));
      }
      if (!hasValue) {
        return Optional.of(
            q + ": a time series needs a numeric value column besides time; columns " + columns);
      }
    }
    return q.panel() == null ? Optional.empty() : fieldsThePanelNames(q, columns);
  }

  /** Overrides by field name and a bar chart's x field must name columns the query returns. */
  private static Optional<String> fieldsThePanelNames(Query q, List<String> columns) {
    List<String> problems = new ArrayList<>();
    String xField = q.panel().path("options").path("xField").asText("");
    if (!xField.isEmpty() && !columns.contains(xField)) {
      problems.add("options.xField '" + xField + "'");
    }
    for (JsonNode override : q.panel().path("fieldConfig").path("overrides")) {
      JsonNode matcher = override.path("matcher");
      String option = matcher.path("options").asText();
      switch (matcher.path("id").asText()) {
        case "byName" -> {
          if (!columns.contains(option)) {
            problems.add("override byName '" + option + "'");
          }
        }
        case "byRegexp" -> {
          if (columns.stream().noneMatch(c -> Pattern.compile(option).matcher(c).find())) {
            problems.add("override byRegexp '" + option + "'");
          }
        }
        default -> {}
      }
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(q + ": " + String.join(", ", problems) + " match no column of " + columns);
  }
}
