package dev.net2net.continuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** A schedule installed on a live network is the rate its training steps use. */
class ScheduledTrainingTest {

  private static MultiLayerNetwork sgd(double rate) {
    return Nets.chain(
        new Sgd(rate),
        Nets.flat(),
        new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build());
  }

  @Test
  void aWarmUpStepMovesTheParametersByTheWarmUpFractionOfAPlainStep() {
    DataSet batch = Probes.fashionTrain().slice(0, 32).toDataSet();
    MultiLayerNetwork plain = sgd(0.05);
    // Built again rather than cloned: a clone shares its updater configurations with the original.
    MultiLayerNetwork warm = sgd(0.05);
    INDArray start = plain.params().dup();
    RateSchedule shape = RateSchedule.constant().withWarmup(0.25);
    LearningRates.schedule(warm, shape, 40); // 10 warm-up steps: the first at 1/10 of the rate
    plain.fit(batch);
    warm.fit(batch);
    INDArray plainStep = plain.params().sub(start);
    INDArray warmStep = warm.params().sub(start);
    // SGD's step is rate x gradient, and both networks (built alike, seeded alike) computed the
    // same
    // gradient at `start`. The steps are differences of float32 parameters, exact to a few ulps of
    // the parameters (about 2e-7 here); 1e-3 of the step is far above that and far below a wrong
    // factor (2/10 instead of 1/10 would miss by the whole step).
    assertThat(warmStep.mul(10).sub(plainStep).amaxNumber().doubleValue())
        .isLessThan(1e-3 * plainStep.amaxNumber().doubleValue());
  }

  @Test
  void everyLiveUpdaterBlockFollowsTheScheduleFromTheIterationItWasInstalledAt() {
    ComputationGraph graph =
        dev.net2net.zoo.MiniInception.standard().widthMultiplier(0.25).modules(1).build();
    DataSet batch = Probes.fashionTrain().slice(0, 16).toDataSet();
    graph.fit(batch);
    graph.fit(batch);
    int start = graph.getIterationCount();
    LearningRates.schedule(graph, RateSchedule.cosine(), 4);
    var blocks = ((BaseMultiLayerUpdater<?>) graph.getUpdater()).getUpdaterBlocks();
    for (int step = 0; step < 4; step++) {
      double expected = 1e-3 * RateSchedule.cosine().factor(step, 4);
      int iteration = graph.getIterationCount();
      assertThat(iteration).isEqualTo(start + step);
      assertThat(blocks)
          .allSatisfy(
              b -> {
                if (b.getGradientUpdater().getConfig().hasLearningRate()) {
                  assertThat(b.getGradientUpdater().getConfig().getLearningRate(iteration, 0))
                      .isCloseTo(expected, offset(1e-12));
                }
              });
      graph.fit(batch);
    }
    LearningRates.endSchedule(graph);
    for (var layer : graph.getLayers()) {
      if (layer.conf().getLayer() instanceof BaseLayer base
          && base.getIUpdater() instanceof Adam adam) {
        assertThat(adam.getLearningRate(graph.getIterationCount(), 0))
            .as("back to the round's starting rate")
            .isCloseTo(1e-3, offset(1e-12));
        assertThat(adam.getLearningRateSchedule()).isNull();
      }
    }
  }

  @Test
  void aStudentWithCarriedStateCountsItsRoundFromTheTeachersIteration() {
    MultiLayerNetwork teacher = sgd(0.05);
    DataSet batch = Probes.fashionTrain().slice(0, 32).toDataSet();
    for (int i = 0; i < 7; i++) {
      teacher.fit(batch);
    }
    MultiLayerNetwork student =
        Net2WiderNet.widen(
                teacher,
                WidenRequest.of("layer0", 12)
                    .withContinuation(new Continuation(0.5, OptimizerState.CARRY)))
            .student();
    assertThat(student.getIterationCount()).isEqualTo(7);
    LearningRates.schedule(student, RateSchedule.cosine(), 10);
    BaseLayer conf = (BaseLayer) student.getLayer(0).conf().getLayer();
    assertThat(conf.getIUpdater().getLearningRate(7, 0)).isCloseTo(0.025, offset(1e-12));
    assertThat(LearningRates.installedSchedule(conf).orElseThrow().startIteration()).isEqualTo(7);
    assertThat(conf.getIUpdater().getLearningRate(12, 0)).isCloseTo(0.0125, offset(1e-12));
  }
}
