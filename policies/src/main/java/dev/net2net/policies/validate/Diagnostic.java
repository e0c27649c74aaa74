package dev.net2net.policies.validate;

import dev.net2net.policies.model.SourceLocation;
import java.util.Comparator;
import java.util.Objects;

/** One finding about a policy file, at the place it concerns. */
public record Diagnostic(Severity severity, SourceLocation location, String message) {

  /** File order, so a report reads top to bottom like the file. */
  public static final Comparator<Diagnostic> IN_FILE_ORDER =
      Comparator.comparing((Diagnostic d) -> d.location().file())
          .thenComparingInt(d -> d.location().line())
          .thenComparingInt(d -> d.location().column());

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(SourceLocation location, String message) {
    return new Diagnostic(Severity.ERROR, location, message);
  }

  public static Diagnostic warning(SourceLocation location, String message) {
    return new Diagnostic(Severity.WARNING, location, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The compiler convention editors and CI annotators understand: {@code file:line:column: error:
   * message}.
   */
  public String format() {
    return location + ": " + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
