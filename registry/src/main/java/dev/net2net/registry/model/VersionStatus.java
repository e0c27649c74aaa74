package dev.net2net.registry.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a version is in its life: being trained, a candidate under evaluation, ready to serve, or
 * rejected by the promotion gate / failed (both final, both with a reason).
 */
public enum VersionStatus {
  TRAINING,
  CANDIDATE,
  READY,
  REJECTED,
  FAILED;

  /** The value stored in the database and shown to users. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VersionStatus fromLabel(String label) {
    for (VersionStatus status : values()) {
      if (status.label().equals(label)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown version status '"
            + label
            + "': expected one of training, candidate, ready, rejected, failed");
  }

  public boolean needsReason() {
    return this == REJECTED || this == FAILED;
  }

  public boolean isFinal() {
    return this == REJECTED || this == FAILED;
  }

  /**
   * Allowed moves: forward through training, candidate, ready; to rejected or failed from anything
   * not final; a ready version may still be marked failed (found broken in service). Nothing leaves
   * a final status, so a rejected version cannot quietly become ready.
   */
  public Set<VersionStatus> successors() {
    return switch (this) {
      case TRAINING -> EnumSet.of(CANDIDATE, READY, REJECTED, FAILED);
      case CANDIDATE -> EnumSet.of(READY, REJECTED, FAILED);
      case READY -> EnumSet.of(FAILED);
      case REJECTED, FAILED -> EnumSet.noneOf(VersionStatus.class);
    };
  }
}
