package dev.net2net.report;

import java.util.List;
import java.util.Objects;

/**
 * What a widening did, as values: the target's width before and after, the noise's relative
 * standard deviation (0 for an exact widening), the seed of the unit mapping, and every layer
 * widened with the target (a sum's other terms). The registry's transform record and the daemon's
 * towers read these, never the report's display settings.
 */
public record Widening(int oldWidth, int newWidth, double noise, long seed, List<String> widened) {
  public Widening {
    if (oldWidth < 1 || newWidth <= oldWidth) {
      throw new IllegalArgumentException(
          "a widening goes from a positive width to a larger one, not "
              + oldWidth
              + " -> "
              + newWidth);
    }
    if (!(noise >= 0)) {
      throw new IllegalArgumentException("noise must be >= 0, was " + noise);
    }
    widened = List.copyOf(Objects.requireNonNull(widened, "widened"));
    if (widened.isEmpty()) {
      throw new IllegalArgumentException("a widening widens at least its target");
    }
  }
}
