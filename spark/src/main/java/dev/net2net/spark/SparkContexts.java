package dev.net2net.spark;

import dev.net2net.errors.ErrorKind;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.Utils;

/**
 * The one Spark context of this process (Spark allows one per JVM), made on first use and shared by
 * every model whose configuration names the same master; stopped by Spark's own shutdown hook or by
 * {@link #stop()}.
 */
final class SparkContexts {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration EXECUTOR_START = Duration.ofMinutes(3);
  private static JavaSparkContext context;

  private SparkContexts() {}

  static synchronized JavaSparkContext get(SparkSettings settings) {
    if (context != null && !context.sc().isStopped()) {
      if (!context.master().equals(settings.master())) {
        throw new SparkTrainingException(
            ErrorKind.BAD_INPUT,
            "this process already trains on Spark master "
                + context.master()
                + " and Spark allows one context per JVM; give every model with engine spark the"
                + " same training.master (asked for "
                + settings.master()
                + ")");
      }
      return context;
    }
    if (settings.isLocal()) {
      // The in-process master and workers of local-cluster bind to this host name, which Spark
      // otherwise takes from the machine's first interface: keep everything on the loopback.
      Utils.setCustomHostname(LOOPBACK);
    }
    context = new JavaSparkContext(conf(settings));
    settings.localClusterExecutors().ifPresent(SparkContexts::awaitExecutors);
    return context;
  }

  /**
   * Waits until a local cluster's executor JVMs have registered, so that the first round is spread
   * over all of them (Spark would otherwise schedule it on whichever registered first).
   */
  private static void awaitExecutors(int executors) {
    long deadline = System.nanoTime() + EXECUTOR_START.toNanos();
    // The driver counts as one block manager.
    while (context.sc().getExecutorMemoryStatus().size() - 1 < executors) {
      if (System.nanoTime() > deadline) {
        int registered = context.sc().getExecutorMemoryStatus().size() - 1;
        stop();
        throw new SparkTrainingException(
            ErrorKind.UNAVAILABLE,
            registered
                + " of "
                + executors
                + " executors of the local cluster registered within "
                + EXECUTOR_START.toSeconds()
                + " s; their logs are in SPARK_HOME/work/");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SparkTrainingException(
            ErrorKind.UNAVAILABLE, "interrupted while waiting for Spark executors");
      }
    }
  }

  /**
   * This JVM's classpath with every entry absolute: the executors run in a folder of their own
   * ({@code SPARK_HOME/work/APP/N}), where a relative entry names nothing and every task fails with
   * {@code NoClassDefFoundError}.
   */
  static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  static synchronized Optional<JavaSparkContext> current() {
    return Optional.ofNullable(context).filter(c -> !c.sc().isStopped());
  }

  static synchronized void stop() {
    if (context != null) {
      context.stop();
      context = null;
    }
  }

  static SparkConf conf(SparkSettings settings) {
    SparkConf conf =
        new SparkConf()
            .setMaster(settings.master())
            .setAppName("net2net")
            .set("spark.ui.enabled", "false");
    if (settings.isLocal()) {
      // Everything on this machine: listen on the loopback interface only.
      conf.set("spark.driver.host", LOOPBACK).set("spark.driver.bindAddress", LOOPBACK);
    }
    // The partitions of a round: one per core (Spark's default is at least 2, and counts only the
    // executors registered so far).
    settings
        .localCores()
        .ifPresent(cores -> conf.set("spark.default.parallelism", String.valueOf(cores)));
    settings
        .localClusterMemoryMb()
        .ifPresent(
            memory ->
                conf
                    // The executors are JVMs of their own: they get this one's classes, and the
                    // launcher's Scala version (a distribution's scripts would set it).
                    .set("spark.executor.extraClassPath", absoluteClassPath())
                    .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                    // Spark asks 1 GB per executor by default: more than a worker of less memory
                    // offers, and the application would wait for executors forever.
                    .set("spark.executor.memory", memory + "m"));
    return conf;
  }
}
