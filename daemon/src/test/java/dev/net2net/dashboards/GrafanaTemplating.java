package dev.net2net.dashboards;

import dev.net2net.dashboards.Dashboard.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Grafana does to a query's text before its data source sees it: template variables (the
 * browser, with the data source's own quoting rules) and then, for SQL, the macros (the PostgreSQL
 * plugin's backend). Only the forms the dashboards may use are supported; anything else is an error
 * rather than a silent pass-through, so a query this cannot expand fails the test instead of being
 * skipped.
 */
final class GrafanaTemplating {
  /**
   * Grafana's own variable syntax: {@code $name}, {@code [[name:format]]}, {@code
   * ${name.path:format}}.
   */
  static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?]]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

  /** A macro of the SQL plugins: {@code $__name(arguments)}. */
  static final Pattern SQL_MACRO = Pattern.compile("\\$(__\\w+)\\(([^)]*)\\)");

  /**
   * Built-in variables the frontend fills in (the SQL macros are not variables: they take
   * arguments).
   */
  static final Set<String> BUILT_IN =
      Set.of(
          "__interval", "__interval_ms", "__rate_interval", "__range", "__range_s", "__range_ms");

  /** The PostgreSQL plugin's macros this class expands. */
  static final Set<String> SQL_MACROS =
      Set.of(
          "__timeFilter",
          "__timeFrom",
          "__timeTo",
          "__time",
          "__timeEpoch",
          "__unixEpochFilter",
          "__unixEpochFrom",
          "__unixEpochTo");

  private GrafanaTemplating() {}

  /**
   * A variable's value as Grafana would pass it: {@code values} are the selected options (already
   * the variable's allValue when "All" is selected and it has one), {@code multi} whether the
   * variable allows several values or "All".
   */
  record Value(List<String> values, boolean multi, boolean allValue) {}

  /**
   * The names referenced with Grafana's variable syntax (built-ins and macros included, with their
   * "__").
   */
  static Set<String> referencedNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4));
    }
    return names;
  }

  /**
   * Replaces template variables and built-ins. Macros ({@code $__x(...)}) are left for {@link
   * #expandSqlMacros}. Quoting follows Grafana: Prometheus gets single values raw and several as a
   * regex alternation; SQL gets a single value with its quotes doubled (the query supplies the
   * quotes) and several as a quoted list.
   */
  static String interpolate(
      String text, Kind kind, Map<String, Value> variables, Map<String, String> builtIns) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
      String format = m.group(3) != null ? m.group(3) : m.group(6);
      String replacement;
      if (name.startsWith("__")) {
        if (SQL_MACROS.contains(name) && kind == Kind.POSTGRES && text.startsWith("(", m.end())) {
          replacement = m.group();
        } else if (builtIns.containsKey(name)) {
          replacement = builtIns.get(name);
        } else {
          throw new IllegalArgumentException("unknown built-in variable or macro $" + name);
        }
      } else {
        if (format != null || m.group(5) != null) {
          throw new IllegalArgumentException(
              "${" + name + "...} with a field path or format is not supported here");
        }
        Value value = variables.get(name);
        if (value == null) {
          throw new IllegalArgumentException("variable $" + name + " is not defined");
        }
        replacement = kind == Kind.PROMETHEUS ? prometheus(value) : sql(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String prometheus(Value value) {
    if (value.allValue() || !value.multi()) {
      return String.join("", value.values());
    }
    return value.values().stream()
        .map(v -> v.replaceAll("[\\\\^$*+?.()|{}\\[\\]/]", "\\\\$0"))
        .collect(Collectors.joining("|", "(", ")"));
  }

  private static String sql(Value value) {
    if (value.allValue()) {
      return String.join("", value.values());
    }
    if (!value.multi()) {
      return value.values().get(0).replace("'", "''");
    }
    return value.values().stream()
        .map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(","));
  }

  /**
   * The text a Prometheus query variable runs. Grafana stores it as a string, or (from its variable
   * editor) as an object whose label-values form is rebuilt from its {@code label} and {@code
   * metric} fields, not from its {@code query} text: an object without them runs {@code
   * label_values(undefined)}.
   */
  static String prometheusVariableQuery(com.fasterxml.jackson.databind.JsonNode query) {
    if (query.isTextual()) {
      return query.asText();
    }
    if (query.path("qryType").asInt(-1) != 1 || !query.path("label").isTextual()) {
      throw new IllegalArgumentException(
          "only label_values variable queries (qryType 1 with a label) are supported,"
              + " not "
              + query);
    }
    String label = query.path("label").asText();
    return query.path("metric").isTextual()
        ? "label_values(" + query.path("metric").asText() + "," + label + ")"
        : "label_values(" + label + ")";
  }

  /** The PostgreSQL plugin's macros, expanded as its backend does for the time range [from, to]. */
  static String expandSqlMacros(String sql, Instant from, Instant to) {
    Matcher m = SQL_MACRO.matcher(sql);
    StringBuilder out = new StringBuilder();
    String fromText = "'" + DateTimeFormatter.ISO_INSTANT.format(from) + "'";
    String toText = "'" + DateTimeFormatter.ISO_INSTANT.format(to) + "'";
    while (m.find()) {
      String name = m.group(1);
      String argument = m.group(2).trim();
      String replacement =
          switch (name) {
            case "__timeFilter" ->
                column(name, argument) + " BETWEEN " + fromText + " AND " + toText;
            case "__timeFrom" -> fromText;
            case "__timeTo" -> toText;
            case "__time" -> column(name, argument) + " AS \"time\"";
            case "__timeEpoch" -> "extract(epoch from " + column(name, argument) + ") as \"time\"";
            case "__unixEpochFilter" ->
                column(name, argument)
                    + " >= "
                    + from.getEpochSecond()
                    + " AND "
                    + column(name, argument)
                    + " <= "
                    + to.getEpochSecond();
            case "__unixEpochFrom" -> Long.toString(from.getEpochSecond());
            case "__unixEpochTo" -> Long.toString(to.getEpochSecond());
            default ->
                throw new IllegalArgumentException(
                    "the SQL macro $" + name + " is not supported by this test");
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String column(String macro, String argument) {
    if (argument.isEmpty()) {
      throw new IllegalArgumentException("$" + macro + "() needs a time column");
    }
    return argument;
  }

  /** A Grafana relative time such as {@code now} or {@code now-6h}, at {@code now}. */
  static Instant relativeTime(String text, Instant now) {
    if (text.equals("now")) {
      return now;
    }
    Matcher m = Pattern.compile("now-(\\d+)([smhdw])").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "time '" + text + "' is not of the form now or now-<n><s|m|h|d|w>");
    }
    long n = Long.parseLong(m.group(1));
    Duration unit =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          case "d" -> Duration.ofDays(1);
          default -> Duration.ofDays(7);
        };
    return now.minus(unit.multipliedBy(n));
  }
}
