package dev.net2net.widen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.continuation.Continuation;
import dev.net2net.model.LayerRef;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

class NoiseAndSeedTest {
  private final MultiLayerNetwork teacher =
      Nets.chain(
          Nets.image(),
          new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.RELU).build(),
          new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build());
  private final INDArray probe = Probes.fashion(100, 64);

  private WidenRequest request(Noise noise, long seed) {
    return new WidenRequest(
        LayerRef.named("layer0"), Width.units(11), noise, seed, Continuation.unchanged());
  }

  @Test
  void zeroSumNoiseBreaksTheSymmetryAndStillPreservesTheFunction() {
    MultiLayerNetwork exact = Net2WiderNet.widen(teacher, request(Noise.none(), 3)).student();
    var noisy = Net2WiderNet.widen(teacher, request(Noise.zeroSum(0.05), 3), probe);
    assertThat(noisy.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
    INDArray exactW = exact.getLayer(1).getParam("W");
    INDArray noisyW = noisy.student().getLayer(1).getParam("W");
    assertThat(noisyW)
        .as("outgoing weights of replicas differ from the exact split")
        .isNotEqualTo(exactW);
    assertThat(noisy.student().getLayer(0).getParam("W"))
        .as("incoming weights are still exact copies")
        .isEqualTo(exact.getLayer(0).getParam("W"));
  }

  @Test
  void additiveNoiseIsReportedAsTheApproximationItIs() {
    INDArray before = teacher.params().dup();
    var noisy = Net2WiderNet.widen(teacher, request(Noise.additive(0.05), 3), probe);
    double difference = noisy.report().preservation().orElseThrow().maxAbsDifference();
    assertThat(difference).isGreaterThan(1e-6).isLessThan(0.1);
    assertThat(teacher.params()).as("noise is never added to the teacher").isEqualTo(before);
  }

  @Test
  void theSeedDecidesTheStudent() {
    INDArray a = Net2WiderNet.widen(teacher, request(Noise.zeroSum(0.05), 1)).student().params();
    INDArray b = Net2WiderNet.widen(teacher, request(Noise.zeroSum(0.05), 1)).student().params();
    INDArray c = Net2WiderNet.widen(teacher, request(Noise.zeroSum(0.05), 2)).student().params();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }
}
