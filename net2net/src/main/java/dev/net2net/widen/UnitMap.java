package dev.net2net.widen;

import dev.net2net.surgery.ParamEdit;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * Where each unit of a widened tensor comes from: {@code source[j]} is the teacher's unit that new
 * unit j copies, and {@code copies[j]} how many new units copy that same teacher unit. A widened
 * layer's output carries its mapping; a flatten spreads it over positions, a concatenation places
 * it at an offset among untouched units.
 */
record UnitMap(int oldSize, int[] source, int[] copies) {

  UnitMap {
    if (source.length != copies.length) {
      throw new IllegalArgumentException("source and copies differ in length");
    }
    source = source.clone();
    copies = copies.clone();
  }

  static UnitMap of(WideningMapping mapping) {
    int[] perOld = mapping.copiesPerOldUnit();
    int[] source = mapping.source();
    int[] copies = new int[source.length];
    for (int j = 0; j < source.length; j++) {
      copies[j] = perOld[source[j]];
    }
    return new UnitMap(mapping.oldWidth(), source, copies);
  }

  static UnitMap identity(int size) {
    int[] source = new int[size];
    int[] copies = new int[size];
    for (int j = 0; j < size; j++) {
      source[j] = j;
      copies[j] = 1;
    }
    return new UnitMap(size, source, copies);
  }

  int newSize() {
    return source.length;
  }

  /**
   * Channels flattened with {@code positions} spatial positions each, in DL4J's c-order flatten.
   */
  UnitMap flatten(int positions, CNN2DFormat format) {
    int channels = source.length;
    int[] flatSource = new int[channels * positions];
    int[] flatCopies = new int[channels * positions];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < positions; p++) {
        // NCHW flattens [c, h, w]: a channel owns a contiguous block. NHWC flattens [h, w, c].
        int newIndex = format == CNN2DFormat.NCHW ? c * positions + p : p * channels + c;
        int oldIndex =
            format == CNN2DFormat.NCHW ? source[c] * positions + p : p * oldSize + source[c];
        flatSource[newIndex] = oldIndex;
        flatCopies[newIndex] = copies[c];
      }
    }
    return new UnitMap(oldSize * positions, flatSource, flatCopies);
  }

  /**
   * The channels of a depthwise convolution over this map's channels: channel c's {@code
   * multiplier} filters output channels {@code c * multiplier + m} (DL4J's order, checked in the
   * tests), so a copy of channel c gives copies of all of them.
   */
  UnitMap perChannel(int multiplier) {
    int[] expandedSource = new int[source.length * multiplier];
    int[] expandedCopies = new int[expandedSource.length];
    for (int c = 0; c < source.length; c++) {
      for (int m = 0; m < multiplier; m++) {
        expandedSource[c * multiplier + m] = source[c] * multiplier + m;
        expandedCopies[c * multiplier + m] = copies[c];
      }
    }
    return new UnitMap(oldSize * multiplier, expandedSource, expandedCopies);
  }

  /** Several tensors concatenated along their unit axis. */
  static UnitMap concat(List<UnitMap> parts) {
    int oldTotal = parts.stream().mapToInt(UnitMap::oldSize).sum();
    int newTotal = parts.stream().mapToInt(UnitMap::newSize).sum();
    int[] source = new int[newTotal];
    int[] copies = new int[newTotal];
    int oldOffset = 0;
    int newOffset = 0;
    for (UnitMap part : parts) {
      for (int j = 0; j < part.newSize(); j++) {
        source[newOffset + j] = oldOffset + part.source[j];
        copies[newOffset + j] = part.copies[j];
      }
      oldOffset += part.oldSize;
      newOffset += part.newSize();
    }
    return new UnitMap(oldTotal, source, copies);
  }

  /** True if no unit is added or moved: the tensor is unchanged. */
  boolean isIdentity() {
    if (source.length != oldSize) {
      return false;
    }
    for (int j = 0; j < source.length; j++) {
      if (source[j] != j) {
        return false;
      }
    }
    return true;
  }

  /**
   * The maps of the parts of a concatenation whose units this map replicates, if it can be one:
   * every new unit must copy a unit of the part it sits in, and the parts must follow one another
   * in order. Empty if the map moves a unit across parts, which no widening of the parts can
   * produce.
   */
  java.util.Optional<List<UnitMap>> split(int[] oldSizes) {
    int[] offsets = new int[oldSizes.length + 1];
    for (int i = 0; i < oldSizes.length; i++) {
      offsets[i + 1] = offsets[i] + oldSizes[i];
    }
    if (offsets[oldSizes.length] != oldSize) {
      throw new IllegalArgumentException(
          "parts of " + offsets[oldSizes.length] + " units for a map of " + oldSize);
    }
    List<List<Integer>> positions = new java.util.ArrayList<>();
    for (int i = 0; i < oldSizes.length; i++) {
      positions.add(new java.util.ArrayList<>());
    }
    int part = 0;
    for (int j = 0; j < source.length; j++) {
      while (part < oldSizes.length && source[j] >= offsets[part + 1]) {
        part++;
      }
      if (part == oldSizes.length || source[j] < offsets[part]) {
        return java.util.Optional.empty();
      }
      positions.get(part).add(j);
    }
    List<UnitMap> parts = new java.util.ArrayList<>();
    for (int i = 0; i < oldSizes.length; i++) {
      List<Integer> at = positions.get(i);
      int[] partSource = new int[at.size()];
      int[] partCopies = new int[at.size()];
      for (int k = 0; k < at.size(); k++) {
        partSource[k] = source[at.get(k)] - offsets[i];
        partCopies[k] = copies[at.get(k)];
      }
      parts.add(new UnitMap(oldSizes[i], partSource, partCopies));
    }
    return java.util.Optional.of(parts);
  }

  boolean sameAs(UnitMap other) {
    return oldSize == other.oldSize && Arrays.equals(source, other.source);
  }

  /** The widened layer's own side: units copied; each copy's gradient is 1/c of the original's. */
  ParamEdit incoming(int axis) {
    return new ParamEdit.Gather(axis, source, ones(), reciprocalCopies());
  }

  /**
   * A reader's side: input rows copied and divided by c; each row's gradient equals the original's.
   */
  ParamEdit outgoing(int axis) {
    return new ParamEdit.Gather(axis, source, reciprocalCopies(), ones());
  }

  private double[] ones() {
    double[] ones = new double[source.length];
    Arrays.fill(ones, 1.0);
    return ones;
  }

  private double[] reciprocalCopies() {
    double[] r = new double[source.length];
    for (int j = 0; j < r.length; j++) {
      r[j] = 1.0 / copies[j];
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnitMap m
        && m.oldSize == oldSize
        && Arrays.equals(m.source, source)
        && Arrays.equals(m.copies, copies);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(source);
  }
}
