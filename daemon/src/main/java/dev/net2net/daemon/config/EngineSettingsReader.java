package dev.net2net.daemon.config;

import dev.net2net.training.engine.EngineChoice;
import dev.net2net.training.engine.InProcessEngine;
import dev.net2net.training.engine.TrainingEngineProvider;
import dev.net2net.training.engine.TrainingEngines;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's {@code training} section: which engine trains it ({@code engine}, default {@code
 * in-process}) and that engine's own keys, checked by the engine's provider when its module is on
 * the classpath. An engine that is not there is refused at its {@code engine} value with what to
 * do; the daemon does not depend on any engine but the in-process loop.
 */
final class EngineSettingsReader {
  private EngineSettingsReader() {}

  static EngineChoice read(ConfigReader reader, ConfigReader.Section training) {
    String engine = training.text("engine", InProcessEngine.NAME).trim();
    if (engine.equals(InProcessEngine.NAME)) {
      training.allowOnly(Set.of("engine"));
      return EngineChoice.inProcess();
    }
    Optional<TrainingEngineProvider> provider = TrainingEngines.provider(engine);
    if (provider.isEmpty()) {
      reader.problem(
          training.value("engine").orElse(training.node()),
          "training.engine: " + TrainingEngines.notAvailable(engine));
      return EngineChoice.inProcess();
    }
    Set<String> keys = new LinkedHashSet<>();
    keys.add("engine");
    keys.addAll(provider.get().keys().keySet());
    training.allowOnly(keys);
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : provider.get().keys().keySet()) {
      training.text(key).ifPresent(value -> options.put(key, value));
    }
    var problems = provider.get().check(options);
    for (TrainingEngineProvider.OptionProblem problem : problems) {
      reader.problem(training.value(problem.key()).orElse(training.node()), problem.message());
    }
    return problems.isEmpty() ? new EngineChoice(engine, options) : EngineChoice.inProcess();
  }
}
