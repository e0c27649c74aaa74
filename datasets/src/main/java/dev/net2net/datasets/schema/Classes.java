package dev.net2net.datasets.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The classes a model predicts: either named (labels in the data are these names, class i is the
 * i-th name) or counted (labels in the data are the whole numbers 0..count-1).
 */
public record Classes(List<String> names, int count) {
  public Classes {
    names = List.copyOf(names);
    if (count < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + count);
    }
    if (!names.isEmpty()) {
      if (names.size() != count) {
        throw new IllegalArgumentException(names.size() + " class names but a count of " + count);
      }
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        if (name.isBlank()) {
          throw new IllegalArgumentException("a class name is empty");
        }
        if (!seen.add(name)) {
          throw new IllegalArgumentException("class name '" + name + "' is given twice");
        }
      }
    }
  }

  public static Classes named(List<String> names) {
    return new Classes(names, names.size());
  }

  public static Classes counted(int count) {
    return new Classes(List.of(), count);
  }

  public boolean isNamed() {
    return !names.isEmpty();
  }

  /** The class a label in the data stands for, or empty when it names no class. */
  public Optional<Integer> indexOf(String label) {
    if (isNamed()) {
      int i = names.indexOf(label);
      return i < 0 ? Optional.empty() : Optional.of(i);
    }
    try {
      int value = Integer.parseInt(label);
      return value >= 0 && value < count ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** What a label must look like, for error messages. */
  public String expected() {
    return isNamed() ? "one of " + names : "a whole number 0.." + (count - 1);
  }

  /** The name of class i (its number when the classes are counted). */
  public String name(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("class " + index + " of " + count);
    }
    return isNamed() ? names.get(index) : Integer.toString(index);
  }

  /**
   * Names of every class, in order (numbers for counted classes), for DataSetIterator.getLabels.
   */
  public List<String> labels() {
    return java.util.stream.IntStream.range(0, count).mapToObj(this::name).toList();
  }
}
