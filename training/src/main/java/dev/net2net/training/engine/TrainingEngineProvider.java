package dev.net2net.training.engine;

import java.util.List;
import java.util.Map;

/**
 * An engine found at run time with {@link java.util.ServiceLoader} (listed in {@code
 * META-INF/services/dev.net2net.training.engine.TrainingEngineProvider}), so that the daemon can
 * train on an engine it does not depend on when it is compiled: the {@code spark} module provides
 * one, and is put on the classpath only where it is wanted.
 */
public interface TrainingEngineProvider {

  /** The name configurations use. */
  String name();

  /** The keys the engine accepts besides {@code engine}, each with what it means. */
  Map<String, String> keys();

  /**
   * What is wrong with {@code options} (every problem, each naming its key); empty when {@link
   * #open} will accept them. Unknown keys are reported by the caller against {@link #keys()}.
   */
  List<OptionProblem> check(Map<String, String> options);

  /** The engine for these (checked) options; may be shared by every model that asks the same. */
  TrainingEngine open(Map<String, String> options);

  /**
   * One problem with an engine's settings.
   *
   * @param key the setting at fault ({@code master})
   * @param message what is wrong and what would be accepted, starting with the key
   */
  record OptionProblem(String key, String message) {}
}
