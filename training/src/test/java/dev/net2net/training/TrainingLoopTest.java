package dev.net2net.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

class TrainingLoopTest {
  private final LabeledImages train = Probes.fashionTrain().slice(0, 2000);
  private final LabeledImages validation = Probes.fashionTest().slice(0, 500);

  private static MultiLayerNetwork mlp(double learningRate) {
    return Nets.chain(
        new Sgd(learningRate),
        Nets.flat(),
        new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build());
  }

  @Test
  void aReasonableRateLearnsAndReportsEveryEpoch() {
    MultiLayerNetwork net = mlp(0.1);
    List<TrainingLoop.EpochReport> seen = new ArrayList<>();
    TrainingLoop.Result result =
        TrainingLoop.train(
            net,
            Examples.forModel(net, train),
            Examples.forModel(net, validation),
            TrainingLoop.Settings.of(3, 64),
            seen::add,
            () -> false);
    assertThat(seen).hasSize(3);
    assertThat(result.best().accuracy()).isGreaterThan(0.5);
    assertThat(Evaluations.evaluate(net, Examples.forModel(net, validation)))
        .isEqualTo(result.best());
  }

  @Test
  void aDivergingLossStopsTrainingWithTheReason() {
    MultiLayerNetwork net = mlp(1e12);
    assertThatThrownBy(
            () ->
                TrainingLoop.train(
                    net,
                    Examples.forModel(net, train),
                    Examples.forModel(net, validation),
                    TrainingLoop.Settings.of(3, 64),
                    TrainingLoop.Listener.none(),
                    () -> false))
        .isInstanceOf(TrainingFailedException.class)
        .hasMessageMatching("the loss became (NaN|Infinity|-Infinity) in epoch 1, batch \\d+");
  }

  @Test
  void whenNoEpochBeatsTheStartTheStartingWeightsAreKept() {
    // A rate so small that no epoch can change a prediction: the start stays the best, and the
    // (slightly moved) weights are put back exactly.
    MultiLayerNetwork net = mlp(1e-12);
    INDArray start = net.params().dup();
    TrainingLoop.Result result =
        TrainingLoop.train(
            net,
            Examples.forModel(net, train),
            Examples.forModel(net, validation),
            new TrainingLoop.Settings(3, 64, OptionalInt.of(2), 0.0, 1),
            TrainingLoop.Listener.none(),
            () -> false);
    assertThat(result.bestEpoch()).isZero();
    assertThat(result.epochs()).hasSize(2);
    assertThat(result.stopReason()).contains("stopped early after epoch 2");
    assertThat(net.params()).isEqualTo(start);
  }

  @Test
  void cancellingStopsBetweenBatches() {
    MultiLayerNetwork net = mlp(0.1);
    assertThatThrownBy(
            () ->
                TrainingLoop.train(
                    net,
                    Examples.forModel(net, train),
                    Examples.forModel(net, validation),
                    TrainingLoop.Settings.of(3, 64),
                    TrainingLoop.Listener.none(),
                    () -> true))
        .isInstanceOf(CancellationException.class);
  }
}
