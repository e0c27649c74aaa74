package dev.net2net.policies.model;

import java.util.Objects;

/**
 * A place in a source file, 1-based like editors and compilers count, so that "file:line:column"
 * can be pasted into an editor's go-to-line.
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
    }
  }

  /** The start of a file: where whole-file problems (empty, not text) are reported. */
  public static SourceLocation startOf(String file) {
    return new SourceLocation(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
