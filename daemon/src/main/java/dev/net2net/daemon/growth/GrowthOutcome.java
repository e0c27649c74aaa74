package dev.net2net.daemon.growth;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.registry.model.VersionRef;
import java.util.Objects;
import java.util.Optional;

/** How a job ended: the outcome the policies see, the version it registered (if any), and why. */
public record GrowthOutcome(AttemptOutcome outcome, Optional<VersionRef> version, String summary) {
  public GrowthOutcome {
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(version);
    Objects.requireNonNull(summary);
  }
}
