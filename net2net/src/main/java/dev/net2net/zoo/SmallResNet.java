package dev.net2net.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small residual network for 28x28 grey images: a stem (conv-BN-ReLU, max pool), residual blocks
 * (conv-BN-ReLU-conv-BN added to the block's input, then ReLU), global average pooling and a
 * softmax output. Every block writes to the same residual stream, so widening any layer on the
 * stream widens them all with one mapping. Vertex names: {@code stem_conv}, {@code b1_conv1},
 * {@code b1_add}, ...
 */
public final class SmallResNet {
  private final int width;
  private final int blocks;
  private final long seed;

  public SmallResNet(int width, int blocks, long seed) {
    if (width < 1 || blocks < 1) {
      throw new IllegalArgumentException("width and blocks must be positive");
    }
    this.width = width;
    this.blocks = blocks;
    this.seed = seed;
  }

  public ComputationGraph build() {
    var graph =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(new Adam(1e-3))
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutionalFlat(28, 28, 1));
    graph.addLayer(
        "stem_conv",
        new ConvolutionLayer.Builder(3, 3).nOut(width).activation(Activation.IDENTITY).build(),
        "input");
    graph.addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem_conv");
    graph.addLayer(
        "stem_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "stem_bn");
    graph.addLayer(
        "stem_pool",
        new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
        "stem_relu");
    String stream = "stem_pool";
    for (int b = 1; b <= blocks; b++) {
      String p = "b" + b + "_";
      graph.addLayer(
          p + "conv1",
          new ConvolutionLayer.Builder(3, 3).nOut(width).activation(Activation.IDENTITY).build(),
          stream);
      graph.addLayer(p + "bn1", new BatchNormalization.Builder().build(), p + "conv1");
      graph.addLayer(
          p + "relu1",
          new ActivationLayer.Builder().activation(Activation.RELU).build(),
          p + "bn1");
      graph.addLayer(
          p + "conv2",
          new ConvolutionLayer.Builder(3, 3).nOut(width).activation(Activation.IDENTITY).build(),
          p + "relu1");
      graph.addLayer(p + "bn2", new BatchNormalization.Builder().build(), p + "conv2");
      graph.addVertex(
          p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", stream);
      graph.addLayer(
          p + "relu2",
          new ActivationLayer.Builder().activation(Activation.RELU).build(),
          p + "add");
      stream = p + "relu2";
    }
    graph.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), stream);
    graph.addLayer(
        "output",
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(10)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build(),
        "gap");
    graph.setOutputs("output");
    ComputationGraphConfiguration conf = graph.build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }
}
