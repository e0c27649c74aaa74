package dev.net2net.registry.model;

import java.util.Objects;
import java.util.Optional;

/** A status with its reason: present exactly for {@code rejected} and {@code failed}. */
public record VersionState(VersionStatus status, Optional<String> reason) {
  public VersionState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    reason = reason.map(String::strip);
    if (status.needsReason() && reason.filter(r -> !r.isEmpty()).isEmpty()) {
      throw new IllegalArgumentException("a " + status.label() + " version needs a reason");
    }
    if (!status.needsReason() && reason.isPresent()) {
      throw new IllegalArgumentException(
          "only rejected or failed versions carry a reason, not " + status.label());
    }
  }

  public static VersionState training() {
    return new VersionState(VersionStatus.TRAINING, Optional.empty());
  }

  public static VersionState candidate() {
    return new VersionState(VersionStatus.CANDIDATE, Optional.empty());
  }

  public static VersionState ready() {
    return new VersionState(VersionStatus.READY, Optional.empty());
  }

  public static VersionState rejected(String reason) {
    return new VersionState(VersionStatus.REJECTED, Optional.ofNullable(reason));
  }

  public static VersionState failed(String reason) {
    return new VersionState(VersionStatus.FAILED, Optional.ofNullable(reason));
  }

  @Override
  public String toString() {
    return status.label() + reason.map(r -> " (" + r + ")").orElse("");
  }
}
