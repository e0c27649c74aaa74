package dev.net2net.daemon.http;

import dev.net2net.registry.model.Transform;

/** The words on a lineage edge: {@code widen hidden1 128->192}, {@code deepen after conv2}. */
final class TransformLabel {
  private TransformLabel() {}

  static String of(Transform transform) {
    String layer = transform.layer().orElse("?");
    if (transform.kind().equals("deepen")) {
      return "deepen after " + layer;
    }
    return transform.summary();
  }
}
