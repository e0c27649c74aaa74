package dev.net2net.training.engine;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which engine trains a model and its settings, as a configuration names them: {@code training:
 * {engine: spark, master: "local[2]"}} is {@code ("spark", {master: "local[2]"})}.
 *
 * @param options the engine's own settings by key (without {@code engine}), as written
 */
public record EngineChoice(String engine, Map<String, String> options) {
  public EngineChoice {
    Objects.requireNonNull(engine);
    options = Map.copyOf(options);
  }

  /** The default: the training loop in this process. */
  public static EngineChoice inProcess() {
    return new EngineChoice(InProcessEngine.NAME, Map.of());
  }

  public boolean isInProcess() {
    return engine.equals(InProcessEngine.NAME);
  }

  @Override
  public String toString() {
    return options.isEmpty() ? engine : engine + " " + new TreeMap<>(options);
  }
}
