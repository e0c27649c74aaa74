package dev.net2net.bench;

import dev.net2net.bench.experiments.Deeper;
import dev.net2net.bench.experiments.Design;
import dev.net2net.bench.experiments.EpochProfile;
import dev.net2net.bench.experiments.Headline;
import dev.net2net.bench.experiments.Ingest;
import dev.net2net.bench.experiments.OptimizerStates;
import dev.net2net.bench.experiments.Peer;
import dev.net2net.bench.experiments.Throughput;
import dev.net2net.bench.experiments.TransformCost;
import dev.net2net.bench.experiments.Wider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one experiment, or all of them in order: {@code bench/run <name> [--quick] [--out DIR]
 * [options]}. The command recorded beside the results is the one given in the system property
 * {@code bench.command} (set by {@code bench/run}), or this class with its arguments.
 */
public final class Bench {
  private Bench() {}

  public static Map<String, Experiment> experiments() {
    Map<String, Experiment> all = new LinkedHashMap<>();
    for (Experiment e :
        List.<Experiment>of(
            new Wider(),
            new Deeper(),
            new Design(),
            new dev.net2net.bench.experiments.ConvNets(),
            new dev.net2net.bench.experiments.Schedules(),
            new OptimizerStates(),
            new Headline(),
            new TransformCost(),
            new Throughput(),
            new Ingest(),
            new EpochProfile(),
            new Peer())) {
      all.put(e.name(), e);
    }
    return all;
  }

  /**
   * Experiments that {@code all} leaves out: the stream benchmark needs PostgreSQL (a local server
   * or an embedded one) and runs for about 40 minutes on its own.
   */
  public static Map<String, Experiment> standalone() {
    Map<String, Experiment> alone = new LinkedHashMap<>();
    Experiment stream = new dev.net2net.bench.stream.StreamExperiment();
    alone.put(stream.name(), stream);
    return alone;
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println(
          "usage: bench/run <"
              + String.join("|", experiments().keySet())
              + "|"
              + String.join("|", standalone().keySet())
              + "|all> [--quick] [--out DIR] [options]");
      System.exit(2);
    }
    String name = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    String command =
        System.getProperty(
            "bench.command", "java dev.net2net.bench.Bench " + String.join(" ", args));
    run(name, rest, command);
  }

  /** Runs the named experiment (or "all"); every option is checked before anything runs. */
  public static void run(String name, String[] args, String command) {
    Options options = Options.parse(args);
    // Process-wide ND4J settings, applied before anything runs and recorded with the machine.
    int threads = options.integer("nd4j-threads", 0, 0);
    if (threads > 0) {
      dev.net2net.bench.train.Threads.set(threads);
    }
    String gc = options.string("periodic-gc", "default");
    if (!gc.equals("default")) {
      org.nd4j.linalg.factory.Nd4j.getMemoryManager().togglePeriodicGc(gc.equals("on"));
    }
    Experiment.Context context = Experiment.Context.of(options, command);
    List<Runnable> work = new ArrayList<>();
    if (name.equals("all")) {
      for (Experiment e : experiments().values()) {
        work.add(e.prepare(options, context));
      }
    } else {
      Experiment e = experiments().getOrDefault(name, standalone().get(name));
      if (e == null) {
        throw new IllegalArgumentException(
            "unknown experiment '"
                + name
                + "'; known: "
                + experiments().keySet()
                + ", "
                + standalone().keySet()
                + ", all");
      }
      work.add(e.prepare(options, context));
    }
    options.checkAllRead();
    for (Runnable r : work) {
      r.run();
    }
  }
}
