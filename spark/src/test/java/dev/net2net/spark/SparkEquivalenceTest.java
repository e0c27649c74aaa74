package dev.net2net.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.training.Examples;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.InProcessEngine;
import dev.net2net.training.engine.TrainingEngine;
import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Parameter averaging over one worker is plain sequential training: the engine hands the model, its
 * Adam state and the loop's shuffled batches to Spark and back without changing what is learnt (the
 * benchmark's local-cluster[1,1,1024] run reproduced the in-process loop's validation accuracy in
 * every epoch).
 */
class SparkEquivalenceTest {
  private final LabeledImages train = Probes.fashionTrain().slice(0, 1000);
  private final LabeledImages validation = Probes.fashionTest().slice(0, 500);

  @AfterAll
  static void stop() {
    SparkEngine.stopContext();
  }

  private TrainingLoop.Result train(TrainingEngine engine) {
    MultiLayerNetwork net =
        Nets.chain(
            new Adam(1e-3),
            Nets.flat(),
            new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build());
    return TrainingLoop.train(
        engine,
        net,
        Examples.forModel(net, train),
        Examples.forModel(net, validation),
        TrainingLoop.Settings.of(2, 64),
        TrainingLoop.Listener.none(),
        () -> false);
  }

  @Test
  void oneWorkerOnSparkLearnsWhatTheInProcessLoopLearns() {
    TrainingLoop.Result local = train(InProcessEngine.instance());
    TrainingLoop.Result spark = train(new SparkEngine(new SparkSettings("local[1]", 5)));
    for (int i = 0; i < local.epochs().size(); i++) {
      ModelEvaluation expected = local.epochs().get(i).validation();
      ModelEvaluation actual = spark.epochs().get(i).validation();
      // Measured: accuracy 0.570 and 0.702 against 0.570 and 0.700, loss 1.058 against 1.070 after
      // the second epoch (from 2.3 untrained): close, not equal. The bounds are twice that.
      assertThat(actual.accuracy()).isCloseTo(expected.accuracy(), within(0.01));
      assertThat(actual.loss()).isCloseTo(expected.loss(), within(0.03));
    }
  }

  @Test
  void aComputationGraphTrainsOnSparkToo() {
    // The daemon's inception seeds are graphs: SparkComputationGraph trains them.
    ComputationGraph graph =
        (ComputationGraph) SeedModels.build(new Seed.Inception(0.25, 1, 1e-3), 42);
    INDArray before = graph.params().dup();
    TrainingLoop.Result result =
        TrainingLoop.train(
            new SparkEngine(new SparkSettings("local[1]", 2)),
            graph,
            Examples.forModel(graph, train.slice(0, 256)),
            Examples.forModel(graph, validation.slice(0, 100)),
            TrainingLoop.Settings.of(1, 32),
            TrainingLoop.Listener.none(),
            () -> false);
    assertThat(result.epochs())
        .singleElement()
        .satisfies(e -> assertThat(e.trainLoss()).isFinite());
    assertThat(graph.params()).isNotEqualTo(before);
  }
}
