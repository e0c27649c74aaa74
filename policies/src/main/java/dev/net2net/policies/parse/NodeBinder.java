package dev.net2net.policies.parse;

import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds the value found at one path of a document. Like every read in this package it never throws
 * on bad input: what is wrong is reported with where it is, and the result comes back empty.
 */
@FunctionalInterface
interface NodeBinder<T> {

  Optional<T> bind(Node node, String path);

  /**
   * This binder with {@code convert} applied to what it binds (an int to an {@code OptionalInt},
   * say).
   */
  default <R> NodeBinder<R> map(Function<? super T, ? extends R> convert) {
    return (node, path) -> bind(node, path).map(convert);
  }
}
