package dev.net2net.training.engine;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The engines this process can train with: the in-process loop and those found on the classpath.
 */
public final class TrainingEngines {
  private TrainingEngines() {}

  /** The provider of the engine called {@code name}, if its module is on the classpath. */
  public static Optional<TrainingEngineProvider> provider(String name) {
    return providers().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every engine name that can be chosen here, sorted, {@code in-process} included. */
  public static List<String> available() {
    TreeSet<String> names = new TreeSet<>();
    names.add(InProcessEngine.NAME);
    providers().forEach(p -> names.add(p.name()));
    return List.copyOf(names);
  }

  /**
   * What to tell someone whose configuration names an engine that is not here: which ones are, and
   * how to get the one named.
   */
  public static String notAvailable(String name) {
    String how =
        name.equals("spark")
            ? "; the spark engine is the spark module: build it with `mvn -Pspark package` and put"
                + " spark/target/spark-*.jar and its dependencies"
                + " (spark/target/runtime-classpath.txt) on the daemon's classpath"
                + " (docs/daemon.md, \"Training one candidate on Spark\")"
            : "";
    return "training engine '"
        + name
        + "' is not on the classpath; available: "
        + available()
        + how;
  }

  /**
   * The engine a choice names, opened with its settings.
   *
   * @throws EngineUnavailableException if it is not on the classpath or refuses its settings
   */
  public static TrainingEngine open(EngineChoice choice) {
    if (choice.isInProcess()) {
      return InProcessEngine.instance();
    }
    TrainingEngineProvider provider =
        provider(choice.engine())
            .orElseThrow(() -> new EngineUnavailableException(notAvailable(choice.engine())));
    List<TrainingEngineProvider.OptionProblem> problems = provider.check(choice.options());
    if (!problems.isEmpty()) {
      throw new EngineUnavailableException(
          "training engine '"
              + choice.engine()
              + "': "
              + String.join("; ", problems.stream().map(p -> p.message()).toList()));
    }
    return provider.open(choice.options());
  }

  private static Stream<TrainingEngineProvider> providers() {
    return ServiceLoader.load(TrainingEngineProvider.class).stream()
        .map(ServiceLoader.Provider::get);
  }
}
