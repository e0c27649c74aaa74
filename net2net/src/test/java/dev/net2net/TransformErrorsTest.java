package dev.net2net;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerRef;
import dev.net2net.testing.Nets;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** Every way to ask for the impossible gets a precise refusal that names the layer. */
class TransformErrorsTest {
  private final MultiLayerNetwork mlp =
      Nets.chain(
          Nets.flat(),
          new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(),
          new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build());

  @Test
  void unknownLayerNameListsTheLayers() {
    assertThatThrownBy(() -> Net2WiderNet.widen(mlp, WidenRequest.of("hiden", 20)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("no layer or vertex named 'hiden'")
        .hasMessageContaining("layer0");
  }

  @Test
  void indexOutOfRangeSaysTheRange() {
    assertThatThrownBy(
            () -> Net2WiderNet.widen(mlp, WidenRequest.of(LayerRef.indexed(9), Width.units(20))))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("layer index 9 is out of range")
        .hasMessageContaining("0..2");
  }

  @Test
  void aWidthThatIsNotLargerIsRefused() {
    assertThatThrownBy(() -> Net2WiderNet.widen(mlp, WidenRequest.of("layer0", 16)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("must be larger than the current width 16");
    assertThatThrownBy(
            () ->
                Net2WiderNet.widen(
                    mlp, WidenRequest.of(LayerRef.named("layer0"), Width.factor(1.01))))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("adds no unit");
  }

  @Test
  void theOutputLayerIsNeverWidened() {
    assertThatThrownBy(() -> Net2WiderNet.widen(mlp, WidenRequest.of("layer2", 20)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'layer2'")
        .hasMessageContaining("output layer");
  }

  @Test
  void layersWithoutUnitsOfTheirOwnCannotBeWidened() {
    MultiLayerNetwork conv =
        Nets.chain(
            Nets.image(),
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            new SubsamplingLayer.Builder(2, 2).stride(2, 2).build());
    assertThatThrownBy(() -> Net2WiderNet.widen(conv, WidenRequest.of("layer1", 8)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'layer1'")
        .hasMessageContaining("SubsamplingLayer");
  }

  @Test
  void aCrossChannelLayerOnTheWayIsRefusedByName() {
    MultiLayerNetwork conv =
        Nets.chain(
            Nets.image(),
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            new LocalResponseNormalization.Builder().build());
    assertThatThrownBy(() -> Net2WiderNet.widen(conv, WidenRequest.of("layer0", 8)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'layer1'")
        .hasMessageContaining("LocalResponseNormalization");
  }

  @Test
  void softmaxHiddenLayersAreRefused() {
    MultiLayerNetwork net =
        Nets.chain(
            Nets.flat(), new DenseLayer.Builder().nOut(6).activation(Activation.SOFTMAX).build());
    assertThatThrownBy(() -> Net2WiderNet.widen(net, WidenRequest.of("layer0", 9)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("normalises across units");
  }

  @Test
  void deepeningAfterANonIdempotentActivationIsRefusedWithTheReason() {
    assertThatThrownBy(() -> Net2DeeperNet.deepen(mlp, DeepenRequest.after("layer1")))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'layer1'")
        .hasMessageContaining("tanh")
        .hasMessageContaining("not idempotent");
    MultiLayerNetwork leaky =
        Nets.chain(
            Nets.flat(), new DenseLayer.Builder().nOut(6).activation(Activation.LEAKYRELU).build());
    assertThatThrownBy(() -> Net2DeeperNet.deepen(leaky, DeepenRequest.after("layer0")))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("not idempotent");
  }

  @Test
  void deepeningAfterTheOutputIsRefused() {
    assertThatThrownBy(() -> Net2DeeperNet.deepen(mlp, DeepenRequest.after("layer2")))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("output layer");
  }

  @Test
  void anEvenKernelHasNoCentre() {
    assertThatThrownBy(() -> DeepenRequest.after("layer0").withKernel(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd");
  }
}
