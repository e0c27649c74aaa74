package dev.net2net.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.net2net.report.LayerChange;
import dev.net2net.report.OutputDifference;
import dev.net2net.report.Shape;
import dev.net2net.report.TransformReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transform reports as JSON: for the command line's {@code --json} and the registry's transform
 * column.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static Map<String, Object> toMap(TransformReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", report.kind());
    json.put("target", report.target());
    json.put("settings", report.settings());
    json.put("parametersBefore", report.parametersBefore());
    json.put("parametersAfter", report.parametersAfter());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (LayerChange change : report.changes()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("layer", change.layer());
      c.put("type", change.type());
      c.put("role", change.role());
      c.put("before", shapes(change.before()));
      c.put("after", shapes(change.after()));
      changes.add(c);
    }
    json.put("changes", changes);
    report.preservation().ifPresent(p -> json.put("preservation", preservation(p)));
    return json;
  }

  /** Which inputs a difference was measured on: source, example count, description. */
  public static Map<String, Object> probes(ProbeData probes) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", probes.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    json.put("examples", probes.examples());
    json.put("description", probes.description());
    return json;
  }

  private static Map<String, Object> preservation(OutputDifference p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("maxAbsDifference", p.maxAbsDifference());
    json.put("perOutput", p.perOutput());
    json.put("examples", p.examples());
    return json;
  }

  private static Map<String, List<Long>> shapes(Map<String, Shape> shapes) {
    Map<String, List<Long>> json = new LinkedHashMap<>();
    shapes.forEach((k, v) -> json.put(k, v.dims()));
    return json;
  }

  public static String toJson(TransformReport report, boolean pretty) {
    return write(toMap(report), pretty);
  }

  public static String write(Object value, boolean pretty) {
    try {
      return (pretty ? PRETTY : MAPPER).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
