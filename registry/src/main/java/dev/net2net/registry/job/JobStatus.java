package dev.net2net.registry.job;

import java.util.Locale;

/** A growth job's state: waiting, held by a worker under a lease, or finished either way. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
