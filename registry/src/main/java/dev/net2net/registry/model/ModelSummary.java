package dev.net2net.registry.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A model with the version its champion alias names and when its latest version was registered. */
public record ModelSummary(
    Model model, Optional<Integer> champion, Optional<Instant> latestRegisteredAt) {
  public ModelSummary {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(champion, "champion");
    Objects.requireNonNull(latestRegisteredAt, "latestRegisteredAt");
  }
}
