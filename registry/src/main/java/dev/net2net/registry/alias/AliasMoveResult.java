package dev.net2net.registry.alias;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a compare-and-set move. If it {@code moved}, {@code current} is the new target; if
 * not, the alias did not name the expected version and {@code current} is what it names now (empty
 * if unset), so the caller can decide again.
 */
public record AliasMoveResult(boolean moved, Optional<Integer> current) {
  public AliasMoveResult {
    Objects.requireNonNull(current, "current");
    if (moved && current.isEmpty()) {
      throw new IllegalArgumentException("a moved alias names a version");
    }
  }
}
