package dev.net2net.policies.parse;

import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.validate.Diagnostic;
import dev.net2net.policies.validate.Diagnostics;
import java.util.List;
import java.util.Objects;

/**
 * What reading one policy file found: its policies if it is valid (none otherwise), and every error
 * and warning in file order.
 */
public record LoadResult(String source, List<GrowthPolicy> policies, List<Diagnostic> diagnostics) {

  public LoadResult {
    Objects.requireNonNull(source, "source");
    policies = List.copyOf(policies);
    diagnostics = List.copyOf(diagnostics);
    if (!policies.isEmpty() && diagnostics.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a file with errors yields no policies");
    }
  }

  static LoadResult of(String source, List<GrowthPolicy> policies, Diagnostics diagnostics) {
    return new LoadResult(
        source, diagnostics.hasErrors() ? List.of() : policies, diagnostics.sorted());
  }

  public boolean isValid() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }
}
