package dev.net2net.widen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.*;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SmokeTest {
  @Test
  void conv() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
        .layer(new BatchNormalization.Builder().build())
        .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(8, 8, 1)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    var x = Nd4j.rand(20, 64);
    Transformed<MultiLayerNetwork> r = Net2WiderNet.widen(net, WidenRequest.of("layer0", 7), x);
    System.out.println(r.report().render());
    assertThat(r.report().preservation().get().maxAbsDifference()).isLessThan(1e-5);
    Transformed<MultiLayerNetwork> r2 = Net2WiderNet.widen(net, WidenRequest.of("layer3", 17), x);
    System.out.println(r2.report().render());
    assertThat(r2.report().preservation().get().maxAbsDifference()).isLessThan(1e-5);
    for (var bn : dev.net2net.deepen.BatchNormMode.values()) {
      for (String after : new String[] {"layer0", "layer2"}) {
        var d = dev.net2net.deepen.Net2DeeperNet.deepen(net,
            dev.net2net.deepen.DeepenRequest.after(after).withBatchNorm(bn), x);
        System.out.println(d.report().render());
      }
    }
    var d = dev.net2net.deepen.Net2DeeperNet.deepen(net, dev.net2net.deepen.DeepenRequest.after("layer3"), x);
  }
}
