package dev.net2net.spark;

import dev.net2net.training.engine.TrainingEngine;
import dev.net2net.training.engine.TrainingEngineProvider;
import java.util.List;
import java.util.Map;

/** {@code training: {engine: spark, master: ..., averagingFrequency: ...}}. */
public final class SparkEngineProvider implements TrainingEngineProvider {
  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  @Override
  public Map<String, String> keys() {
    return SparkSettings.KEYS;
  }

  @Override
  public List<OptionProblem> check(Map<String, String> options) {
    return SparkSettings.read(options, System.getenv()).problems();
  }

  @Override
  public TrainingEngine open(Map<String, String> options) {
    SparkSettings.Result read = SparkSettings.read(options, System.getenv());
    return new SparkEngine(
        read.settings()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unchecked spark settings: " + read.problems().get(0).message())));
  }
}
