package dev.net2net.widen;

import dev.net2net.TransformException;
import java.util.Arrays;
import java.util.Random;

/**
 * Net2WiderNet's random mapping g from q new units to n old ones: g(j) = j for j &lt; n, and for j
 * &ge; n a unit drawn uniformly from 0..n-1 with a seeded generator, so the same seed gives the
 * same student.
 */
public record WideningMapping(int oldWidth, int[] source) {

  public WideningMapping {
    if (oldWidth < 1) {
      throw new IllegalArgumentException("old width must be positive: " + oldWidth);
    }
    if (source.length < oldWidth) {
      throw new IllegalArgumentException(
          "a mapping cannot shrink " + oldWidth + " units to " + source.length);
    }
    source = source.clone();
    for (int j = 0; j < source.length; j++) {
      if (j < oldWidth && source[j] != j) {
        throw new IllegalArgumentException(
            "the first " + oldWidth + " units must map to themselves");
      }
      if (source[j] < 0 || source[j] >= oldWidth) {
        throw new IllegalArgumentException(
            "unit " + j + " maps to " + source[j] + ", outside 0.." + (oldWidth - 1));
      }
    }
  }

  public static WideningMapping random(int oldWidth, int newWidth, long seed) {
    if (newWidth <= oldWidth) {
      throw new TransformException(
          "the new width must be larger than the current " + oldWidth + ", got " + newWidth);
    }
    Random random = new Random(seed);
    int[] source = new int[newWidth];
    for (int j = 0; j < newWidth; j++) {
      source[j] = j < oldWidth ? j : random.nextInt(oldWidth);
    }
    return new WideningMapping(oldWidth, source);
  }

  @Override
  public int[] source() {
    return source.clone();
  }

  public int newWidth() {
    return source.length;
  }

  /** How many new units copy each old unit (at least 1). */
  public int[] copiesPerOldUnit() {
    int[] copies = new int[oldWidth];
    for (int s : source) {
      copies[s]++;
    }
    return copies;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WideningMapping m
        && m.oldWidth == oldWidth
        && Arrays.equals(m.source, source);
  }

  @Override
  public int hashCode() {
    return 31 * oldWidth + Arrays.hashCode(source);
  }

  @Override
  public String toString() {
    return "WideningMapping[" + oldWidth + " -> " + source.length + "]";
  }
}
