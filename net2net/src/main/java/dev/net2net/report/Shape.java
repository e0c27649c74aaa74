package dev.net2net.report;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** An array's shape, comparable by value. */
public record Shape(List<Long> dims) {
  public Shape {
    dims = List.copyOf(dims);
  }

  public static Shape of(long... dims) {
    return new Shape(Arrays.stream(dims).boxed().toList());
  }

  @Override
  public String toString() {
    return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
