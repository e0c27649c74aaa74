package dev.net2net.bench.stream;

import java.time.Duration;
import java.time.Instant;

/**
 * The stream's time: the real clock plus every idle stretch skipped. Work (ingestion, evaluations,
 * jobs) takes its real time; waiting for the next shard or evaluation takes none. It never runs
 * behind the real clock, so the registry's timestamps (taken by the database's clock) are never in
 * its future.
 */
final class SimulatedClock {
  private final Instant start = Instant.now();
  private Duration skipped = Duration.ZERO;

  Instant now() {
    return Instant.now().plus(skipped);
  }

  Instant start() {
    return start;
  }

  /** Skips ahead to {@code time} if it is later than now. */
  void advanceTo(Instant time) {
    Duration gap = Duration.between(now(), time);
    if (!gap.isNegative()) {
      skipped = skipped.plus(gap);
    }
  }

  /** Simulated time since the start. */
  Duration elapsed() {
    return Duration.between(start, now());
  }
}
