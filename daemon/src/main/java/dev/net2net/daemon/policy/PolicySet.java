package dev.net2net.daemon.policy;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.parse.LoadResult;
import dev.net2net.policies.parse.PolicyLoader;
import dev.net2net.policies.validate.Diagnostic;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policies in force: at most one per model, from one validated file. */
public record PolicySet(Path source, Map<String, GrowthPolicy> byModel, Instant loadedAt) {

  /**
   * A policy file that could not be used; {@code problems} are complete "file:line:col: message"
   * lines.
   */
  public static final class InvalidPolicyException extends RuntimeException
      implements UserFacingError {
    @Override
    public ErrorKind kind() {
      return ErrorKind.BAD_INPUT;
    }

    private final List<String> problems;

    public InvalidPolicyException(List<String> problems) {
      super(
          problems.size() == 1
              ? problems.get(0)
              : problems.size() + " problems:\n  " + String.join("\n  ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public PolicySet {
    byModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
  }

  public Optional<GrowthPolicy> forModel(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  /** Loads and validates a policy file; any error refuses the whole file. */
  public static PolicySet load(Path file, Instant now) {
    LoadResult result;
    try {
      result = PolicyLoader.load(file);
    } catch (NoSuchFileException e) {
      throw new InvalidPolicyException(List.of(file + ": no such policy file"));
    } catch (IOException e) {
      throw new InvalidPolicyException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    if (!result.isValid()) {
      throw new InvalidPolicyException(result.errors().stream().map(Diagnostic::format).toList());
    }
    Map<String, GrowthPolicy> byModel = new LinkedHashMap<>();
    for (GrowthPolicy policy : result.policies()) {
      byModel.put(policy.model(), policy);
    }
    return new PolicySet(file, byModel, now);
  }
}
