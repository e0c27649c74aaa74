package dev.net2net.spark;

import dev.net2net.training.engine.TrainingEngineProvider.OptionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spark engine's settings, checked.
 *
 * @param master where the executors are: {@code local[N]} (threads in this JVM), {@code
 *     local-cluster[N,cores,memoryMB]} (N executor JVMs on this machine), {@code spark://host:port}
 * @param averagingFrequency mini-batches each executor fits between two parameter averagings
 */
public record SparkSettings(String master, int averagingFrequency) {
  public static final String MASTER = "master";
  public static final String AVERAGING_FREQUENCY = "averagingFrequency";
  public static final String DEFAULT_MASTER = "local[*]";
  public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

  /** The keys a configuration may give, with what they mean. */
  public static final Map<String, String> KEYS =
      Map.of(
          MASTER,
          "the Spark master: local[N], local-cluster[N,cores,memoryMB] or spark://host:port"
              + " (default "
              + DEFAULT_MASTER
              + ")",
          AVERAGING_FREQUENCY,
          "mini-batches each executor fits between parameter averagings (default "
              + DEFAULT_AVERAGING_FREQUENCY
              + ")");

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?])?");
  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[([1-9][0-9]*),([1-9][0-9]*),([1-9][0-9]*)]");
  private static final Pattern REMOTE = Pattern.compile("(spark|k8s)://\\S+|yarn");

  public SparkSettings {
    if (!isMaster(master)) {
      throw new IllegalArgumentException("not a Spark master: " + master);
    }
    if (averagingFrequency < 1) {
      throw new IllegalArgumentException("averaging frequency must be positive");
    }
  }

  /** The settings of a configuration, or every problem with them (each naming its key). */
  public static Result read(Map<String, String> options, Map<String, String> environment) {
    List<OptionProblem> problems = new ArrayList<>();
    String master = options.getOrDefault(MASTER, DEFAULT_MASTER).trim();
    if (!isMaster(master)) {
      problems.add(
          new OptionProblem(
              MASTER,
              "training.master must be local, local[N], local[*], local-cluster[N,cores,memoryMB],"
                  + " spark://host:port, k8s://... or yarn, found '"
                  + master
                  + "'"));
    } else {
      localClusterProblem(master, environment)
          .ifPresent(p -> problems.add(new OptionProblem(MASTER, p)));
    }
    int frequency = DEFAULT_AVERAGING_FREQUENCY;
    String text = options.get(AVERAGING_FREQUENCY);
    if (text != null) {
      try {
        frequency = Integer.parseInt(text.trim());
        if (frequency < 1 || frequency > 10_000) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problems.add(
            new OptionProblem(
                AVERAGING_FREQUENCY,
                "training.averagingFrequency must be a whole number 1..10000, found '"
                    + text
                    + "'"));
        frequency = DEFAULT_AVERAGING_FREQUENCY;
      }
    }
    for (String key : options.keySet()) {
      if (!KEYS.containsKey(key)) {
        problems.add(
            new OptionProblem(
                key,
                "unknown key 'training."
                    + key
                    + "' for the spark engine; expected one of "
                    + new LinkedHashMap<>(KEYS).keySet()
                    + " or engine"));
      }
    }
    return problems.isEmpty()
        ? new Result(Optional.of(new SparkSettings(master, frequency)), List.of())
        : new Result(Optional.empty(), problems);
  }

  /** Settings, or why there are none. */
  public record Result(Optional<SparkSettings> settings, List<OptionProblem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  static boolean isMaster(String master) {
    return LOCAL.matcher(master).matches()
        || LOCAL_CLUSTER.matcher(master).matches()
        || REMOTE.matcher(master).matches();
  }

  public boolean isLocal() {
    return master.startsWith("local");
  }

  /**
   * The cores a local master trains on ({@code local[N]}: N threads; {@code
   * local-cluster[N,cores,memoryMB]}: N times cores), empty for a remote master (Spark tells).
   */
  public Optional<Integer> localCores() {
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (cluster.matches()) {
      return Optional.of(Integer.parseInt(cluster.group(1)) * Integer.parseInt(cluster.group(2)));
    }
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      String n = local.group(2);
      return Optional.of(
          n == null
              ? 1
              : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
    }
    return Optional.empty();
  }

  /** The number of executors of a {@code local-cluster[N,cores,memoryMB]} master. */
  public Optional<Integer> localClusterExecutors() {
    Matcher m = LOCAL_CLUSTER.matcher(master);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The executor memory of a {@code local-cluster[N,cores,memoryMB]} master. */
  public Optional<Integer> localClusterMemoryMb() {
    Matcher m = LOCAL_CLUSTER.matcher(master);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(3))) : Optional.empty();
  }

  /**
   * Spark's local-cluster mode starts its executors as JVMs through Spark's launcher, which looks
   * for {@code $SPARK_HOME/jars} (or, without SPARK_HOME, {@code ./assembly/target/...}): without a
   * Spark distribution there, every executor fails with "Library directory ... does not exist; make
   * sure Spark is built". The engine gives the executors this JVM's classpath, so an empty {@code
   * jars} folder serves as well as a distribution.
   */
  static Optional<String> localClusterProblem(String master, Map<String, String> environment) {
    if (!LOCAL_CLUSTER.matcher(master).matches()) {
      return Optional.empty();
    }
    String home = environment.get("SPARK_HOME");
    if (home == null || home.isBlank()) {
      return Optional.of(
          "training.master "
              + master
              + " starts executor JVMs with Spark's launcher, which needs the environment variable"
              + " SPARK_HOME: a Spark 3.5 distribution, or any folder holding an empty jars/ folder"
              + " (the executors get the daemon's classpath); it is not set");
    }
    if (!Files.isDirectory(Path.of(home, "jars"))) {
      return Optional.of(
          "training.master "
              + master
              + " starts executor JVMs with Spark's launcher, which needs SPARK_HOME/jars; "
              + Path.of(home, "jars")
              + " is not a folder (mkdir it: an empty one will do, the executors get the daemon's"
              + " classpath)");
    }
    return Optional.empty();
  }
}
