package dev.net2net.training.seed;

import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.io.ModelFiles;
import dev.net2net.zoo.MiniInception;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The architecture a model starts as when it has no version yet, sized for its data: the input
 * (features, or an image fed flat) and the number of classes.
 */
public final class SeedModels {
  private SeedModels() {}

  /** A seed for Fashion-MNIST-shaped data (28x28 grey images in 10 classes). */
  public static Model build(Seed seed, long randomSeed) {
    return build(seed, randomSeed, SeedShape.fashionMnist());
  }

  public static Model build(Seed seed, long randomSeed, SeedShape shape) {
    if (seed instanceof Seed.Cnn cnn) {
      ImageShape image =
          shape
              .image()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a cnn seed needs an image schema; use mlp for tables"));
      var list =
          new NeuralNetConfiguration.Builder()
              .seed(randomSeed)
              .updater(new Adam(cnn.learningRate()))
              .weightInit(WeightInit.RELU)
              .convolutionMode(ConvolutionMode.Same)
              .list();
      for (int i = 0; i < cnn.filters().size(); i++) {
        list.layer(
            new ConvolutionLayer.Builder(3, 3)
                .name("conv" + (i + 1))
                .nOut(cnn.filters().get(i))
                .activation(Activation.IDENTITY)
                .build());
        list.layer(new BatchNormalization.Builder().name("bn" + (i + 1)).build());
        list.layer(
            new ActivationLayer.Builder()
                .name("relu" + (i + 1))
                .activation(Activation.RELU)
                .build());
        list.layer(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .name("pool" + (i + 1))
                .kernelSize(2, 2)
                .stride(2, 2)
                .build());
      }
      list.layer(
          new DenseLayer.Builder()
              .name("dense")
              .nOut(cnn.dense())
              .activation(Activation.RELU)
              .build());
      list.layer(
          new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
              .name("output")
              .nOut(shape.classes())
              .activation(Activation.SOFTMAX)
              .weightInit(WeightInit.XAVIER)
              .build());
      MultiLayerNetwork net =
          new MultiLayerNetwork(
              list.setInputType(
                      InputType.convolutionalFlat(image.height(), image.width(), image.channels()))
                  .build());
      net.init();
      return net;
    }
    if (seed instanceof Seed.Mlp mlp) {
      var list =
          new NeuralNetConfiguration.Builder()
              .seed(randomSeed)
              .updater(new Adam(mlp.learningRate()))
              .weightInit(WeightInit.RELU)
              .list();
      for (int i = 0; i < mlp.hidden().size(); i++) {
        list.layer(
            new DenseLayer.Builder()
                .name("hidden" + (i + 1))
                .nOut(mlp.hidden().get(i))
                .activation(Activation.fromString(mlp.activation()))
                .build());
      }
      list.layer(
          new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
              .name("output")
              .nOut(shape.classes())
              .activation(Activation.SOFTMAX)
              .weightInit(WeightInit.XAVIER)
              .build());
      MultiLayerNetwork net =
          new MultiLayerNetwork(list.setInputType(InputType.feedForward(shape.features())).build());
      net.init();
      return net;
    }
    if (seed instanceof Seed.Inception inception) {
      ImageShape image =
          shape
              .image()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "an inception seed needs an image schema; use mlp for tables"));
      return MiniInception.standard()
          .widthMultiplier(inception.widthMultiplier())
          .modules(inception.modules())
          .input(image.height(), image.width(), image.channels())
          .classes(shape.classes())
          .seed(randomSeed)
          .updater(new Adam(inception.learningRate()))
          .build();
    }
    return ModelFiles.load(((Seed.Import) seed).zip());
  }

  public static boolean needsTraining(Seed seed) {
    return !(seed instanceof Seed.Import);
  }
}
