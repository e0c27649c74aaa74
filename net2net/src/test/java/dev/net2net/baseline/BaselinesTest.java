package dev.net2net.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BaselinesTest {
  private final MultiLayerNetwork teacher =
      Nets.chain(
          Nets.flat(),
          new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build(),
          new BatchNormalization.Builder().build(),
          new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build());

  @Test
  void randomPadCopiesTheTeacherUndividedAndLeavesNewUnitsRandom() {
    Transformed<MultiLayerNetwork> padded =
        RandomPad.widen(teacher, WidenRequest.of("layer0", 16), 5, Probes.fashion(0, 64));
    MultiLayerNetwork student = padded.student();
    INDArray w0 = student.getLayer(0).getParam("W");
    INDArray w2 = student.getLayer(2).getParam("W");
    assertThat(w0.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10)))
        .isEqualTo(teacher.getLayer(0).getParam("W"));
    assertThat(w2.get(NDArrayIndex.interval(0, 10), NDArrayIndex.all()))
        .as("original rows are not divided")
        .isEqualTo(teacher.getLayer(2).getParam("W"));
    for (int j = 10; j < 16; j++) {
      INDArray column = w0.getColumn(j);
      for (int k = 0; k < 10; k++) {
        assertThat(column)
            .as("new unit %d is not a copy", j)
            .isNotEqualTo(teacher.getLayer(0).getParam("W").getColumn(k));
      }
    }
    INDArray gamma = student.getLayer(1).getParam("gamma");
    assertThat(gamma.get(NDArrayIndex.interval(10, 16)).meanNumber().doubleValue())
        .as("new batch-norm units start at the default gamma")
        .isEqualTo(1.0);
    assertThat(padded.report().preservation().orElseThrow().maxAbsDifference())
        .as("random pad changes the function")
        .isGreaterThan(1e-3);
  }

  @Test
  void randomInitHasTheStudentsArchitectureAndFreshWeights() {
    MultiLayerNetwork student =
        Net2WiderNet.widen(teacher, WidenRequest.of("layer0", 16)).student();
    MultiLayerNetwork scratch = RandomInit.like(student, 99);
    assertThat(scratch.numParams()).isEqualTo(student.numParams());
    assertThat(scratch.getLayerWiseConfigurations().toJson().replaceAll("\"seed\" : -?\\d+", ""))
        .isEqualTo(
            student.getLayerWiseConfigurations().toJson().replaceAll("\"seed\" : -?\\d+", ""));
    assertThat(scratch.params()).isNotEqualTo(student.params());
    assertThat(Preservation.measure(student, scratch, Probes.fashion(0, 32)).maxAbsDifference())
        .isGreaterThan(1e-3);
  }
}
