package dev.net2net.towers;

import java.util.List;
import java.util.Objects;

/**
 * One tower of an Inception module: the part of the graph that computes one input of a
 * concatenation, back to the point where it branches off from what the other towers read.
 *
 * <p>Formally, a node belongs to the tower if it is the concatenation's input (the head) and
 * nothing else reads it, or every node that reads it belongs to the tower; network inputs never do.
 * A tower whose head is read elsewhere too (the concatenation reads the branch point itself, as
 * DenseNet-style modules do) is a pass-through tower with no nodes.
 *
 * @param merge the concatenation (a {@code MergeVertex}) this tower feeds
 * @param position which input of the concatenation the tower is
 * @param head the node the concatenation reads at that position
 * @param nodes the tower's nodes in topological order, the head last; empty for a pass-through
 *     tower
 * @param layers the tower's dense and convolution layers (what Net2WiderNet can widen), in
 *     topological order
 */
public record Tower(
    String merge, int position, String head, List<String> nodes, List<String> layers) {
  public Tower {
    Objects.requireNonNull(merge, "merge");
    Objects.requireNonNull(head, "head");
    nodes = List.copyOf(nodes);
    layers = List.copyOf(layers);
    if (position < 0) {
      throw new IllegalArgumentException("a tower's position must not be negative: " + position);
    }
  }

  /**
   * True if the concatenation reads the branch point directly, so the tower has no layers of its
   * own.
   */
  public boolean isPassThrough() {
    return nodes.isEmpty();
  }

  @Override
  public String toString() {
    return merge
        + "["
        + position
        + "]: "
        + (isPassThrough() ? "pass-through " + head : String.join(" -> ", nodes));
  }
}
