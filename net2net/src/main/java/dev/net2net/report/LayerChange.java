package dev.net2net.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a transform did to one layer.
 *
 * @param layer the layer's name
 * @param type its DL4J class, e.g. {@code DenseLayer}
 * @param role what happened: {@code widened} (more units, incoming weights copied), {@code
 *     consumer} (incoming rows of widened units replicated and divided), {@code per-unit} (per-unit
 *     parameters replicated), {@code inserted} (a new layer that starts as the identity), {@code
 *     rescaled}
 * @param before parameter shapes before, by key (empty for an inserted layer)
 * @param after parameter shapes after, by key
 */
public record LayerChange(
    String layer, String type, String role, Map<String, Shape> before, Map<String, Shape> after) {
  public LayerChange {
    Objects.requireNonNull(layer);
    Objects.requireNonNull(type);
    Objects.requireNonNull(role);
    before = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }
}
