package dev.net2net.policies.validate;

import dev.net2net.policies.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings while a file is read, so that one pass reports every problem rather than the
 * first. Not thread-safe: one per file being read.
 */
public final class Diagnostics {

  private final List<Diagnostic> found = new ArrayList<>();

  public void error(SourceLocation location, String message) {
    found.add(Diagnostic.error(location, message));
  }

  public void warning(SourceLocation location, String message) {
    found.add(Diagnostic.warning(location, message));
  }

  public void add(Diagnostic diagnostic) {
    found.add(diagnostic);
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(Diagnostic::isError);
  }

  public int errorCount() {
    return (int) found.stream().filter(Diagnostic::isError).count();
  }

  /**
   * Everything found so far, in file order, without duplicates (aliases can report a node twice).
   */
  public List<Diagnostic> sorted() {
    return found.stream().distinct().sorted(Diagnostic.IN_FILE_ORDER).toList();
  }
}
