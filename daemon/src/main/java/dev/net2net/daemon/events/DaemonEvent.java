package dev.net2net.daemon.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the daemon did, for whoever listens (the demo's console, the policy engine, the logs):
 * {@code dataset.grew}, {@code champion.evaluated}, {@code growth.started}, {@code transform.done},
 * {@code training.epoch}, {@code growth.finished}, {@code seed.trained}, {@code shard.quarantined}.
 */
public record DaemonEvent(String type, String model, Instant at, Map<String, Object> fields) {
  public static final String DATASET_GREW = "dataset.grew";
  public static final String SHARD_QUARANTINED = "shard.quarantined";
  public static final String CHAMPION_EVALUATED = "champion.evaluated";
  public static final String GROWTH_STARTED = "growth.started";
  public static final String TRANSFORM_DONE = "transform.done";
  public static final String TRAINING_EPOCH = "training.epoch";
  public static final String GROWTH_FINISHED = "growth.finished";
  public static final String DECISION = "policy.decision";
  public static final String TOURNAMENT_DECIDED = "tournament.decided";

  public DaemonEvent {
    Objects.requireNonNull(type);
    Objects.requireNonNull(model);
    Objects.requireNonNull(at);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static DaemonEvent of(String type, String model, Map<String, Object> fields) {
    return new DaemonEvent(type, model, Instant.now(), fields);
  }

  public Object field(String name) {
    return fields.get(name);
  }
}
