package dev.net2net.registry.shard;

import java.util.Locale;

/** Whether a shard's rows count towards the dataset, or were set aside (with a reason). */
public enum ShardStatus {
  INGESTED,
  QUARANTINED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ShardStatus fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
