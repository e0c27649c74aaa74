package dev.net2net.registry.alias;

import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded move of an alias: from which version (none for its first) to which, by whom and why.
 */
public record AliasMove(
    long id,
    ModelName model,
    AliasName alias,
    Optional<Integer> from,
    int to,
    String movedBy,
    String reason,
    Instant movedAt) {
  public AliasMove {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(movedBy, "movedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(movedAt, "movedAt");
  }
}
