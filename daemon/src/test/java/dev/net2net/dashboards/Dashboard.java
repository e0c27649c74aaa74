package dev.net2net.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One dashboard JSON file in Grafana's classic model, and the queries it would send. */
record Dashboard(Path file, JsonNode json) {

  enum Kind {
    PROMETHEUS,
    POSTGRES
  }

  /**
   * A query Grafana would run: a panel target or an annotation. {@code where} names it for
   * messages; {@code panel} is the panel (null for an annotation); {@code instant} is a Prometheus
   * instant query.
   */
  record Query(
      Dashboard dashboard,
      String where,
      JsonNode panel,
      JsonNode target,
      Kind kind,
      String text,
      String format,
      boolean instant,
      boolean annotation) {

    String refId() {
      return target.path("refId").asText("");
    }

    String legendFormat() {
      return target.path("legendFormat").asText("");
    }

    @Override
    public String toString() {
      return dashboard.uid() + " / " + where + (refId().isEmpty() ? "" : " [" + refId() + "]");
    }
  }

  String uid() {
    return json.path("uid").asText("");
  }

  String title() {
    return json.path("title").asText("");
  }

  String name() {
    return file.getFileName().toString();
  }

  /**
   * Every panel, with the panels of collapsed rows (which Grafana keeps inside the row) taken out.
   */
  List<JsonNode> panels() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  List<JsonNode> variables() {
    List<JsonNode> list = new ArrayList<>();
    json.path("templating").path("list").forEach(list::add);
    return list;
  }

  Optional<JsonNode> variable(String name) {
    return variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst();
  }

  List<JsonNode> annotations() {
    List<JsonNode> list = new ArrayList<>();
    json.path("annotations").path("list").forEach(list::add);
    return list;
  }

  /** The data source a target uses: its own if it names one, else its panel's. */
  static JsonNode datasourceOf(JsonNode panel, JsonNode target) {
    JsonNode own = target.path("datasource");
    return own.isObject() ? own : panel.path("datasource");
  }

  /**
   * Every panel target and annotation query, classified by the plugin type its data source
   * reference names.
   */
  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      String where =
          "panel " + panel.path("id").asText() + " '" + panel.path("title").asText() + "'";
      for (JsonNode target : panel.path("targets")) {
        queries.add(query(where, panel, target, datasourceOf(panel, target), false));
      }
    }
    for (JsonNode annotation : annotations()) {
      if (annotation.path("builtIn").asInt(0) == 1) {
        continue;
      }
      queries.add(
          query(
              "annotation '" + annotation.path("name").asText() + "'",
              null,
              annotation.path("target"),
              annotation.path("datasource"),
              true));
    }
    return queries;
  }

  private Query query(
      String where, JsonNode panel, JsonNode target, JsonNode datasource, boolean annotation) {
    String type = DashboardFiles.canonicalPlugin(datasource.path("type").asText(""));
    if (type.equals(DashboardFiles.PROMETHEUS)) {
      return new Query(
          this,
          where,
          panel,
          target,
          Kind.PROMETHEUS,
          target.path("expr").asText(""),
          "",
          target.path("instant").asBoolean(false),
          annotation);
    }
    if (type.equals(DashboardFiles.POSTGRES)) {
      return new Query(
          this,
          where,
          panel,
          target,
          Kind.POSTGRES,
          target.path("rawSql").asText(""),
          target.path("format").asText("time_series"),
          false,
          annotation);
    }
    throw new AssertionError(
        name()
            + ": "
            + where
            + " uses a data source of type '"
            + type
            + "'; the dashboards may use only "
            + DashboardFiles.PROMETHEUS
            + " and "
            + DashboardFiles.POSTGRES);
  }
}
