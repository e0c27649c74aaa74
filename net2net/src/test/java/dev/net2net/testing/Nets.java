package dev.net2net.testing;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small hand-written networks for example-based tests. */
public final class Nets {
  private Nets() {}

  /** Hidden layers as given, then a softmax output over 10 classes, on flat 784-value inputs. */
  public static MultiLayerNetwork chain(InputType input, Layer... hidden) {
    return chain(new Adam(1e-3), input, hidden);
  }

  public static MultiLayerNetwork chain(IUpdater updater, InputType input, Layer... hidden) {
    var list = new NeuralNetConfiguration.Builder().seed(7).updater(updater).list();
    for (Layer layer : hidden) {
      list.layer(layer);
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(10)
            .activation(Activation.SOFTMAX)
            .build());
    MultiLayerConfiguration conf = list.setInputType(input).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  public static InputType flat() {
    return InputType.feedForward(784);
  }

  public static InputType image() {
    return InputType.convolutionalFlat(28, 28, 1);
  }
}
