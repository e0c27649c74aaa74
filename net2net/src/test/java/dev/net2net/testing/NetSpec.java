package dev.net2net.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A generated network architecture for property tests: dense stacks with and without batch
 * normalization and dropout, and convolution stacks with batch normalization, pooling and a flatten
 * into dense layers, with mixed activations. The input is a flat 28x28 image (784 values), so the
 * same networks run on Fashion-MNIST and on random inputs.
 */
public record NetSpec(long seed, boolean convolutional, List<String> layers) {

  public static final int SIDE = 28;
  public static final int CLASSES = 10;

  static final Activation[] ACTIVATIONS = {
    Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.LEAKYRELU, Activation.ELU,
    Activation.IDENTITY, Activation.RELU6, Activation.HARDTANH, Activation.SOFTPLUS,
        Activation.SWISH
  };

  public NetSpec {
    layers = List.copyOf(layers);
  }

  /** A random architecture from a seed: the seed alone reproduces it. */
  public static NetSpec generate(long seed, boolean convolutional) {
    Random r = new Random(seed);
    List<String> layers = new ArrayList<>();
    if (convolutional) {
      int size = SIDE;
      int convs = 1 + r.nextInt(3);
      for (int i = 0; i < convs; i++) {
        int kernel = new int[] {1, 3, 3, 5}[r.nextInt(4)];
        boolean truncate = r.nextBoolean() && size - kernel + 1 >= 4;
        layers.add(
            "conv:"
                + (2 + r.nextInt(7))
                + ":"
                + kernel
                + ":"
                + (truncate ? "truncate" : "same")
                + ":"
                + pick(r));
        if (truncate) {
          size = size - kernel + 1;
        }
        maybeExtras(r, layers);
        if (r.nextInt(3) > 0 && size >= 8) {
          layers.add("pool:" + (r.nextBoolean() ? "max" : "avg"));
          size = size / 2;
        }
      }
    }
    int dense = (convolutional ? 0 : 1) + r.nextInt(3);
    for (int i = 0; i < dense; i++) {
      layers.add("dense:" + (3 + r.nextInt(30)) + ":" + pick(r));
      maybeExtras(r, layers);
    }
    return new NetSpec(seed, convolutional, layers);
  }

  private static String pick(Random r) {
    return ACTIVATIONS[r.nextInt(ACTIVATIONS.length)].name();
  }

  private static void maybeExtras(Random r, List<String> layers) {
    if (r.nextInt(3) == 0) {
      layers.add("bn:" + (r.nextBoolean() ? "logstd" : "var"));
    }
    if (r.nextInt(4) == 0) {
      layers.add("act:" + pick(r));
    }
    if (r.nextInt(4) == 0) {
      layers.add("dropout");
    }
  }

  public MultiLayerNetwork build() {
    var list = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).list();
    for (String spec : layers) {
      list.layer(layer(spec));
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(CLASSES)
            .activation(Activation.SOFTMAX)
            .build());
    list.setInputType(
        convolutional
            ? InputType.convolutionalFlat(SIDE, SIDE, 1)
            : InputType.feedForward(SIDE * SIDE));
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    randomiseBatchNorm(net, new Random(seed ^ 0x5DEECE66DL));
    return net;
  }

  private static Layer layer(String spec) {
    String[] p = spec.split(":");
    return switch (p[0]) {
      case "dense" ->
          new DenseLayer.Builder()
              .nOut(Integer.parseInt(p[1]))
              .activation(Activation.valueOf(p[2]))
              .build();
      case "conv" ->
          new ConvolutionLayer.Builder(Integer.parseInt(p[2]), Integer.parseInt(p[2]))
              .nOut(Integer.parseInt(p[1]))
              .convolutionMode(
                  p[3].equals("same") ? ConvolutionMode.Same : ConvolutionMode.Truncate)
              .activation(Activation.valueOf(p[4]))
              .build();
      case "bn" -> new BatchNormalization.Builder().useLogStd(p[1].equals("logstd")).build();
      case "act" -> new ActivationLayer.Builder().activation(Activation.valueOf(p[1])).build();
      case "dropout" -> new DropoutLayer.Builder(0.5).build();
      case "pool" ->
          new SubsamplingLayer.Builder(p[1].equals("max") ? PoolingType.MAX : PoolingType.AVG)
              .kernelSize(2, 2)
              .stride(2, 2)
              .build();
      default -> throw new IllegalArgumentException(spec);
    };
  }

  /**
   * Batch normalization straight from init is the identity on standardised data; real statistics
   * and scales make the test mean something.
   */
  public static void randomiseBatchNorm(org.deeplearning4j.nn.api.Model model, Random r) {
    org.deeplearning4j.nn.api.Layer[] layers =
        model instanceof MultiLayerNetwork m
            ? m.getLayers()
            : ((org.deeplearning4j.nn.graph.ComputationGraph) model).getLayers();
    for (org.deeplearning4j.nn.api.Layer layer : layers) {
      if (!(layer.conf().getLayer() instanceof BatchNormalization)) {
        continue;
      }
      for (var e : layer.paramTable().entrySet()) {
        INDArray p = e.getValue();
        long n = p.length();
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) {
          values[i] =
              switch (e.getKey()) {
                case "gamma" -> 0.5 + r.nextDouble();
                case "beta", "mean" -> r.nextGaussian() * 0.5;
                case "var" -> 0.3 + 2 * r.nextDouble();
                case "log10stdev" -> Math.log10(Math.sqrt(0.3 + 2 * r.nextDouble()));
                default -> throw new IllegalStateException(e.getKey());
              };
        }
        p.assign(Nd4j.createFromArray(values).castTo(p.dataType()).reshape(p.shape()));
      }
    }
  }

  /** Names of the layers that can be widened: hidden dense and convolution layers. */
  public List<String> widenable() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).startsWith("dense") || layers.get(i).startsWith("conv")) {
        names.add("layer" + i);
      }
    }
    return names;
  }

  /** Names of every hidden layer (anything can be a place to insert after). */
  public List<String> hidden() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      names.add("layer" + i);
    }
    return names;
  }
}
