package dev.net2net.spark;

import dev.net2net.errors.ErrorKind;
import dev.net2net.training.BatchSource;
import dev.net2net.training.MiniBatches;
import dev.net2net.training.TrainingFailedException;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.TrainingEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains data-parallel on Spark with DeepLearning4J's parameter averaging ({@link
 * ParameterAveragingTrainingMaster}): each round, the driver broadcasts the model (parameters and
 * updater state), every executor fits {@code averagingFrequency} mini-batches of its partition on
 * its own copy, and the driver averages the copies into the model. An epoch reads the training rows
 * on the driver in the loop's shuffled order and sends them one round at a time ({@code executors x
 * averagingFrequency} mini-batches), so the driver holds one round of data, not the epoch.
 * Cancellation cancels the running Spark jobs (within 0.2 s) and is asked between rounds.
 */
public final class SparkEngine implements TrainingEngine {
  public static final String NAME = "spark";

  private final SparkSettings settings;

  public SparkEngine(SparkSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  public SparkSettings settings() {
    return settings;
  }

  /** The number of executor cores the data is split over. */
  public int workers() {
    return context().defaultParallelism();
  }

  /** Stops this process's Spark context (the next training starts a new one). */
  public static void stopContext() {
    SparkContexts.stop();
  }

  private JavaSparkContext context() {
    try {
      return SparkContexts.get(settings);
    } catch (SparkTrainingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SparkTrainingException(
          ErrorKind.UNAVAILABLE,
          "cannot start Spark on master " + settings.master() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public Epochs start(
      Model model, BatchSource train, TrainingLoop.Settings loop, BooleanSupplier cancelled) {
    JavaSparkContext sc = context();
    int workers = sc.defaultParallelism();
    ParameterAveragingTrainingMaster master =
        new ParameterAveragingTrainingMaster.Builder(workers, loop.batchSize())
            .batchSizePerWorker(loop.batchSize())
            .averagingFrequency(settings.averagingFrequency())
            .workerPrefetchNumBatches(0)
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            .repartionData(Repartition.Never)
            .saveUpdater(true)
            .rngSeed(loop.seed())
            .build();
    Fitter fitter;
    if (model instanceof MultiLayerNetwork net) {
      SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
      fitter =
          round -> {
            spark.fit(round);
            if (spark.getNetwork() != net) {
              net.setParams(spark.getNetwork().params());
            }
            return spark.getScore();
          };
    } else if (model instanceof ComputationGraph graph) {
      SparkComputationGraph spark = new SparkComputationGraph(sc, graph, master);
      fitter =
          round -> {
            spark.fit(round);
            if (spark.getNetwork() != graph) {
              graph.setParams(spark.getNetwork().params());
            }
            return spark.getScore();
          };
    } else {
      throw new IllegalArgumentException(
          "the spark engine trains MultiLayerNetworks and ComputationGraphs, not "
              + model.getClass().getSimpleName());
    }
    int roundBatches = workers * settings.averagingFrequency();
    ScheduledExecutorService watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "spark-cancel-watcher");
              t.setDaemon(true);
              return t;
            });
    String group = "net2net-" + UUID.randomUUID();
    watcher.scheduleWithFixedDelay(
        () -> {
          if (cancelled.getAsBoolean()) {
            sc.cancelJobGroup(group);
          }
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
    return new Epochs() {
      @Override
      public double run(int epoch, Random random) {
        sc.setJobGroup(group, "net2net training", true);
        double lossSum = 0;
        int batches = 0;
        int round = 0;
        try (MiniBatches next = train.shuffled(loop.batchSize(), random)) {
          while (next.hasNext()) {
            List<DataSet> data = new ArrayList<>(roundBatches);
            while (next.hasNext() && data.size() < roundBatches) {
              data.add(next.next());
            }
            round++;
            if (cancelled.getAsBoolean()) {
              throw new CancellationException("training cancelled in epoch " + epoch);
            }
            double loss = fitRound(sc, fitter, data, workers, epoch, round);
            lossSum += loss * data.size();
            batches += data.size();
          }
        }
        return lossSum / batches;
      }

      private double fitRound(
          JavaSparkContext sc,
          Fitter fitter,
          List<DataSet> data,
          int workers,
          int epoch,
          int round) {
        double loss;
        try {
          loss = fitter.fit(sc.parallelize(data, Math.min(workers, data.size())));
        } catch (Exception e) { // Scala code throws SparkException undeclared
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("training cancelled in epoch " + epoch);
          }
          if (outOfMemory(e)) {
            throw new TrainingFailedException(
                "out of memory on Spark in epoch " + epoch + ", averaging round " + round, e);
          }
          throw new SparkTrainingException(
              e instanceof SparkException || e.getCause() instanceof SparkException
                  ? ErrorKind.UNAVAILABLE
                  : ErrorKind.INTERNAL,
              "training on Spark ("
                  + settings.master()
                  + ") failed in epoch "
                  + epoch
                  + ", averaging round "
                  + round
                  + ": "
                  + e.getMessage(),
              e);
        }
        if (!Double.isFinite(loss)) {
          throw new TrainingFailedException(
              "the loss became " + loss + " in epoch " + epoch + ", averaging round " + round);
        }
        return loss;
      }

      @Override
      public void close() {
        watcher.shutdownNow();
        sc.clearJobGroup();
      }
    };
  }

  private static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError
          || String.valueOf(t.getMessage()).contains("OutOfMemoryError")) {
        return true;
      }
    }
    return false;
  }

  /** One averaging round on the wrapped network; the mean loss the executors reported. */
  private interface Fitter {
    double fit(JavaRDD<DataSet> round);
  }
}
