package dev.net2net.cli.registry;

import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.Transform;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How registry values read on a terminal. */
final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String transform(ModelVersion version) {
    return version.transform().map(Transform::summary).orElse("seed");
  }

  /** {@code v3 widen dense_0 64->128 ready 101,770 params}. */
  static String versionLine(ModelVersion version) {
    return String.format(
        Locale.ROOT,
        "v%d  %s  %s  %s params",
        version.number(),
        transform(version),
        version.state(),
        count(version.parameterCount()));
  }
}
