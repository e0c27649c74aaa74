package dev.net2net.towers;

import java.util.List;
import java.util.Objects;

/**
 * A concatenation and the towers that feed it: an Inception module in the paper's sense, found in
 * any ComputationGraph with a {@code MergeVertex}, not only in {@link
 * dev.net2net.zoo.MiniInception}.
 *
 * @param merge the {@code MergeVertex}
 * @param towers its towers, one per input, in input order
 */
public record InceptionModule(String merge, List<Tower> towers) {
  public InceptionModule {
    Objects.requireNonNull(merge, "merge");
    towers = List.copyOf(towers);
  }
}
