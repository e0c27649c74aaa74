package dev.net2net.daemon.config;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;
import java.util.List;

/**
 * An invalid configuration: every problem found, each with file, line and column, refused at start.
 */
public final class ConfigException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.BAD_INPUT;
  }

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.get(0)
            : problems.size()
                + " problems in the configuration:\n  "
                + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
