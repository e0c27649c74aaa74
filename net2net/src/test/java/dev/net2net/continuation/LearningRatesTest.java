package dev.net2net.continuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class LearningRatesTest {

  private static double rate(MultiLayerNetwork net, int layer) {
    BaseLayer conf = (BaseLayer) net.getLayer(layer).conf().getLayer();
    return conf.getIUpdater().getLearningRate(net.getIterationCount(), net.getEpochCount());
  }

  @Test
  void aScheduledRateIsFrozenAtItsCurrentValueTimesTheScale() {
    MultiLayerNetwork teacher =
        Nets.chain(
            new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 1e-2, 0.9)),
            Nets.flat(),
            new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build());
    var batch = Probes.fashionTrain().slice(0, 64).toDataSet();
    for (int i = 0; i < 5; i++) {
      teacher.fit(batch);
    }
    double current = 1e-2 * Math.pow(0.9, 5);
    assertThat(rate(teacher, 0)).isCloseTo(current, offset(1e-12));
    MultiLayerNetwork student =
        Net2WiderNet.widen(
                teacher, WidenRequest.of("layer0", 12).withContinuation(Continuation.reducedRate()))
            .student();
    for (int layer = 0; layer < student.getnLayers(); layer++) {
      assertThat(rate(student, layer))
          .as("layer %d", layer)
          .isCloseTo(0.1 * current, offset(1e-12));
      assertThat(((BaseLayer) student.getLayer(layer).conf().getLayer()).getIUpdater())
          .isInstanceOf(Adam.class);
    }
    assertThat(rate(teacher, 0))
        .as("the teacher keeps its schedule")
        .isCloseTo(current, offset(1e-12));
  }

  @Test
  void scalingALiveGraphScalesEveryLayerAndTrainingUsesTheNewRate() {
    var graph = dev.net2net.zoo.MiniInception.standard().widthMultiplier(0.25).modules(1).build();
    var batch = Probes.fashionTrain().slice(0, 32).toDataSet();
    graph.fit(batch);
    LearningRates.scale(graph, 0.1);
    for (var layer : graph.getLayers()) {
      if (layer.conf().getLayer() instanceof BaseLayer base
          && base.getIUpdater() instanceof Adam adam) {
        assertThat(adam.getLearningRate())
            .as(layer.conf().getLayer().getLayerName())
            .isCloseTo(1e-4, offset(1e-12));
      }
    }
    var blocks =
        ((org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?>) graph.getUpdater())
            .getUpdaterBlocks();
    assertThat(blocks)
        .isNotEmpty()
        .allSatisfy(
            block -> {
              var config = block.getGradientUpdater().getConfig();
              if (config.hasLearningRate()) {
                assertThat(config.getLearningRate(0, 0))
                    .as("the live updater's rate")
                    .isCloseTo(1e-4, offset(1e-12));
              }
            });
    org.nd4j.linalg.api.ndarray.INDArray before = graph.params().dup();
    graph.fit(batch);
    assertThat(graph.params()).as("training goes on after scaling").isNotEqualTo(before);
  }

  @Test
  void scalingALiveNetworkScalesEveryLayer() {
    MultiLayerNetwork net =
        Nets.chain(
            new Nesterovs(0.05, 0.9),
            Nets.flat(),
            new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build());
    LearningRates.scale(net, 0.1);
    assertThat(rate(net, 0)).isCloseTo(0.005, offset(1e-12));
    assertThat(rate(net, 1)).isCloseTo(0.005, offset(1e-12));
  }
}
