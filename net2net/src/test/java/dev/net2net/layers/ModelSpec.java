package dev.net2net.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A generated network with the layers DL4J users have beyond dense and 2D convolution stacks:
 * MobileNet-style images (convolution, depthwise and separable convolutions with random depth
 * multipliers and kernels, PReLU, batch normalization, pooling, NCHW or NHWC), 1D convolution
 * sequence models (NCW or NWC, 1D pooling, global pooling over time), and tabular MLPs with PReLU
 * and element-wise multiplication layers. Each layer is recorded with the activation its output
 * comes from, so the tests predict refusals independently of the planners.
 *
 * @param layers one entry per hidden layer: {@code kind:activation[:widenable]}
 */
public record ModelSpec(
    long seed, Kind kind, boolean channelsLast, int side, int channels, List<Hidden> layers) {

  public enum Kind {
    IMAGES,
    SEQUENCES,
    FEATURES
  }

  /**
   * A hidden layer: its kind, the activation its output comes from (null if it is linear), whether
   * it can be widened.
   */
  public record Hidden(String kind, Activation source, boolean widenable, Layer layer) {}

  private static final Activation[] ACTIVATIONS = {
    Activation.RELU,
    Activation.RELU,
    Activation.IDENTITY,
    Activation.RELU6,
    Activation.HARDTANH,
    Activation.TANH,
    Activation.LEAKYRELU,
    Activation.SIGMOID
  };

  public ModelSpec {
    layers = List.copyOf(layers);
  }

  public static ModelSpec generate(long seed, Kind kind) {
    Random r = new Random(seed);
    boolean last = r.nextBoolean();
    int side = kind == Kind.FEATURES ? 0 : 6 + r.nextInt(5);
    int channels = 1 + r.nextInt(3);
    List<Hidden> layers = new ArrayList<>();
    Activation previous = Activation.IDENTITY;
    switch (kind) {
      case IMAGES -> {
        CNN2DFormat format = last ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
        int width = 2 + r.nextInt(4);
        Activation a = pick(r);
        layers.add(
            new Hidden(
                "conv",
                a,
                true,
                new ConvolutionLayer.Builder(odd(r), odd(r))
                    .nOut(width)
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(format)
                    .activation(a)
                    .build()));
        previous = a;
        int blocks = 1 + r.nextInt(2);
        for (int b = 0; b < blocks; b++) {
          if (r.nextInt(3) == 0) {
            layers.add(
                new Hidden(
                    "bn",
                    Activation.IDENTITY,
                    false,
                    new BatchNormalization.Builder().dataFormat(format).build()));
            previous = Activation.IDENTITY;
          }
          if (r.nextBoolean()) {
            boolean sharedOverPositions = r.nextBoolean();
            long[] shape =
                format == CNN2DFormat.NCHW
                    ? new long[] {width, side, side}
                    : new long[] {side, side, width};
            PReLULayer.Builder prelu = new PReLULayer.Builder().inputShape(shape);
            if (sharedOverPositions) {
              prelu.sharedAxes(format == CNN2DFormat.NCHW ? new long[] {2, 3} : new long[] {1, 2});
            }
            layers.add(new Hidden("prelu", Activation.IDENTITY, false, prelu.build()));
            previous = Activation.IDENTITY;
          }
          int multiplier = 1 + r.nextInt(3);
          Activation da = pick(r);
          if (r.nextBoolean()) {
            width = width * multiplier;
            layers.add(
                new Hidden(
                    "depthwise",
                    da,
                    false,
                    new DepthwiseConvolution2D.Builder(odd(r), odd(r))
                        .depthMultiplier(multiplier)
                        .nOut(width)
                        .convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format)
                        .activation(da)
                        .build()));
          } else {
            width = 2 + r.nextInt(5);
            layers.add(
                new Hidden(
                    "separable",
                    da,
                    true,
                    new SeparableConvolution2D.Builder(odd(r), odd(r))
                        .depthMultiplier(multiplier)
                        .nOut(width)
                        .convolutionMode(ConvolutionMode.Same)
                        .dataFormat(format)
                        .activation(da)
                        .build()));
          }
          previous = da;
        }
        if (r.nextBoolean() && side >= 6) {
          layers.add(
              new Hidden(
                  "pool",
                  previous,
                  false,
                  new SubsamplingLayer.Builder(PoolingType.MAX)
                      .kernelSize(2, 2)
                      .stride(2, 2)
                      .dataFormat(format)
                      .build()));
        }
        if (r.nextBoolean()) {
          layers.add(
              new Hidden(
                  "global",
                  previous,
                  false,
                  new GlobalPoolingLayer.Builder(
                          r.nextBoolean() ? PoolingType.MAX : PoolingType.AVG)
                      .build()));
        }
      }
      case SEQUENCES -> {
        RNNFormat format = last ? RNNFormat.NWC : RNNFormat.NCW;
        int convs = 1 + r.nextInt(2);
        for (int i = 0; i < convs; i++) {
          Activation a = pick(r);
          layers.add(
              new Hidden(
                  "conv1d",
                  a,
                  true,
                  new Convolution1DLayer.Builder(odd(r))
                      .nOut(2 + r.nextInt(5))
                      .convolutionMode(ConvolutionMode.Same)
                      .rnnDataFormat(format)
                      .activation(a)
                      .build()));
          previous = a;
          if (r.nextBoolean()) {
            layers.add(
                new Hidden(
                    "pool1d",
                    previous,
                    false,
                    new Subsampling1DLayer.Builder(
                            r.nextBoolean() ? PoolingType.MAX : PoolingType.AVG)
                        .kernelSize(2)
                        .stride(1)
                        .convolutionMode(ConvolutionMode.Same)
                        .build()));
          }
        }
        // DL4J's global pooling does not read the sequence format: NWC sequences pool over axis 1
        // (time) explicitly.
        GlobalPoolingLayer.Builder global =
            new GlobalPoolingLayer.Builder(r.nextBoolean() ? PoolingType.MAX : PoolingType.AVG);
        if (last) {
          global.poolingDimensions(1);
        }
        layers.add(new Hidden("global", previous, false, global.build()));
        if (r.nextBoolean()) {
          Activation a = pick(r);
          layers.add(
              new Hidden(
                  "dense",
                  a,
                  true,
                  new DenseLayer.Builder().nOut(2 + r.nextInt(6)).activation(a).build()));
        }
      }
      case FEATURES -> {
        int dense = 1 + r.nextInt(3);
        for (int i = 0; i < dense; i++) {
          Activation a = pick(r);
          int width = 2 + r.nextInt(8);
          layers.add(
              new Hidden(
                  "dense", a, true, new DenseLayer.Builder().nOut(width).activation(a).build()));
          int extra = r.nextInt(3);
          if (extra == 1) {
            layers.add(
                new Hidden(
                    "prelu",
                    Activation.IDENTITY,
                    false,
                    new PReLULayer.Builder().inputShape(width).build()));
          } else if (extra == 2) {
            layers.add(
                new Hidden(
                    "elementwise",
                    Activation.IDENTITY,
                    false,
                    new ElementWiseMultiplicationLayer.Builder()
                        .nIn(width)
                        .nOut(width)
                        .activation(Activation.IDENTITY)
                        .build()));
          }
        }
      }
    }
    return new ModelSpec(seed, kind, last, side, channels, layers);
  }

  private static int odd(Random r) {
    return 1 + 2 * r.nextInt(2);
  }

  private static Activation pick(Random r) {
    return ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
  }

  public MultiLayerNetwork build() {
    var list = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).list();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i).layer().clone();
      layer.setLayerName("layer" + i);
      list.layer(layer);
    }
    list.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(3)
            .activation(Activation.SOFTMAX)
            .name("out")
            .build());
    list.setInputType(
        switch (kind) {
          case IMAGES ->
              InputType.convolutional(
                  side, side, channels, channelsLast ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
          case SEQUENCES ->
              InputType.recurrent(channels, side, channelsLast ? RNNFormat.NWC : RNNFormat.NCW);
          case FEATURES -> InputType.feedForward(5);
        });
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    // PReLU starts with zero slopes and batch normalization as the identity: random values make the
    // test mean something.
    Random r = new Random(seed ^ 0x9E3779B97F4A7C15L);
    for (var layer : net.getLayers()) {
      Layer conf = layer.conf().getLayer();
      if (conf instanceof PReLULayer
          || conf instanceof BatchNormalization
          || conf instanceof ElementWiseMultiplicationLayer) {
        for (var p : layer.paramTable().entrySet()) {
          INDArray values = Nd4j.rand(DataType.FLOAT, p.getValue().shape()).muli(0.8).addi(0.1);
          if (p.getKey().equals("log10stdev")) {
            values.subi(0.5);
          }
          p.getValue().assign(values);
        }
      }
    }
    return net;
  }

  /** Random inputs of the model's shape: uniform [0, 1] and wider normal values. */
  public INDArray inputs(long inputSeed, int n) {
    long[] shape =
        switch (kind) {
          case IMAGES ->
              channelsLast
                  ? new long[] {n, side, side, channels}
                  : new long[] {n, channels, side, side};
          case SEQUENCES ->
              channelsLast ? new long[] {n, side, channels} : new long[] {n, channels, side};
          case FEATURES -> new long[] {n, 5};
        };
    Nd4j.getRandom().setSeed(inputSeed);
    INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(1.5);
    return x;
  }

  /** The names of the layers that can be widened. */
  public List<String> widenable() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).widenable()) {
        names.add("layer" + i);
      }
    }
    return names;
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder(
            kind
                + (channelsLast ? " channels-last" : "")
                + " side "
                + side
                + " ch "
                + channels
                + ":");
    for (Hidden h : layers) {
      s.append(' ').append(h.kind()).append('/').append(h.source());
    }
    return s.toString();
  }
}
