package dev.net2net.zoo;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
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
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small Inception-BN for 28x28 grey images, the paper's architecture in miniature: a stem
 * (conv-BN-ReLU, max pool), Inception modules with four towers each (1x1; 1x1 then 3x3; 1x1 then
 * two 3x3; 3x3 pooling then 1x1 projection), every convolution followed by batch normalization and
 * ReLU, the towers concatenated, then global average pooling and a softmax output.
 *
 * <p>Vertex names say where things are: {@code m1_t3_conv2} is the second convolution of the 3x3
 * tower of module 1; {@code m1} is module 1's concatenation. The width multiplier scales every
 * channel count (the paper's teacher had about 0.54 of the student's channels per tower).
 */
public final class MiniInception {

  /**
   * Channel counts of one module at multiplier 1: 1x1, 3x3 reduce, 3x3, double-3x3 reduce,
   * double-3x3, pool projection.
   */
  record ModuleWidths(
      int oneByOne,
      int reduce3,
      int three,
      int reduceDouble,
      int doubleThree,
      int poolProjection) {}

  static final int STEM = 24;
  static final List<ModuleWidths> MODULES =
      List.of(new ModuleWidths(16, 16, 24, 8, 12, 8), new ModuleWidths(24, 24, 32, 12, 16, 16));

  private final double widthMultiplier;
  private final int modules;
  private final int classes;
  private final long seed;
  private final IUpdater updater;
  private final int height;
  private final int width;
  private final int channels;

  private MiniInception(
      double widthMultiplier, int modules, int classes, long seed, IUpdater updater) {
    this(widthMultiplier, modules, classes, seed, updater, 28, 28, 1);
  }

  private MiniInception(
      double widthMultiplier,
      int modules,
      int classes,
      long seed,
      IUpdater updater,
      int height,
      int width,
      int channels) {
    if (classes < 2 || height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "classes must be at least 2 and the input at least 1x1x1, got "
              + classes
              + " classes of "
              + height
              + "x"
              + width
              + "x"
              + channels);
    }
    if (!(widthMultiplier > 0) || widthMultiplier > 16) {
      throw new IllegalArgumentException(
          "width multiplier must be in (0, 16], got " + widthMultiplier);
    }
    if (modules < 1 || modules > MODULES.size()) {
      throw new IllegalArgumentException(
          "modules must be 1.." + MODULES.size() + ", got " + modules);
    }
    this.widthMultiplier = widthMultiplier;
    this.modules = modules;
    this.classes = classes;
    this.seed = seed;
    this.updater = updater;
    this.height = height;
    this.width = width;
    this.channels = channels;
  }

  /**
   * Images of another size or channel count (fed flat, channel-major, as {@code convolutionalFlat}
   * expects).
   */
  public MiniInception input(int newHeight, int newWidth, int newChannels) {
    return new MiniInception(
        widthMultiplier, modules, classes, seed, updater, newHeight, newWidth, newChannels);
  }

  /** Another number of classes. */
  public MiniInception classes(int count) {
    return new MiniInception(
        widthMultiplier, modules, count, seed, updater, height, width, channels);
  }

  /** The standard mini-Inception: both modules, multiplier 1, Adam at 1e-3. */
  public static MiniInception standard() {
    return new MiniInception(1.0, MODULES.size(), 10, 42, new Adam(1e-3));
  }

  public MiniInception widthMultiplier(double multiplier) {
    return new MiniInception(multiplier, modules, classes, seed, updater, height, width, channels);
  }

  public MiniInception modules(int count) {
    return new MiniInception(
        widthMultiplier, count, classes, seed, updater, height, width, channels);
  }

  public MiniInception seed(long newSeed) {
    return new MiniInception(
        widthMultiplier, modules, classes, newSeed, updater, height, width, channels);
  }

  public MiniInception updater(IUpdater newUpdater) {
    return new MiniInception(
        widthMultiplier, modules, classes, seed, newUpdater, height, width, channels);
  }

  private int scaled(int channels) {
    return Math.max(1, (int) Math.round(channels * widthMultiplier));
  }

  /** The names of every Inception module's concatenation vertex. */
  public List<String> moduleNames() {
    List<String> names = new ArrayList<>();
    for (int m = 1; m <= modules; m++) {
      names.add("m" + m);
    }
    return names;
  }

  public ComputationGraph build() {
    var graph =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutionalFlat(height, width, channels));
    String previous = convBnRelu(graph, "stem", "input", scaled(STEM), 3);
    graph.addLayer(
        "stem_pool",
        new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
        previous);
    previous = "stem_pool";
    for (int m = 1; m <= modules; m++) {
      ModuleWidths w = MODULES.get(m - 1);
      String p = "m" + m;
      String t1 = convBnRelu(graph, p + "_t1_", previous, scaled(w.oneByOne()), 1, 1);
      String t3 = convBnRelu(graph, p + "_t3_", previous, scaled(w.reduce3()), 1, 1);
      t3 = convBnRelu(graph, p + "_t3_", t3, scaled(w.three()), 3, 2);
      String td = convBnRelu(graph, p + "_td_", previous, scaled(w.reduceDouble()), 1, 1);
      td = convBnRelu(graph, p + "_td_", td, scaled(w.doubleThree()), 3, 2);
      td = convBnRelu(graph, p + "_td_", td, scaled(w.doubleThree()), 3, 3);
      graph.addLayer(
          p + "_tp_pool",
          new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).build(),
          previous);
      String tp = convBnRelu(graph, p + "_tp_", p + "_tp_pool", scaled(w.poolProjection()), 1, 1);
      graph.addVertex(p, new MergeVertex(), t1, t3, td, tp);
      previous = p;
      if (m < modules) {
        graph.addLayer(
            p + "_pool",
            new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
            previous);
        previous = p + "_pool";
      }
    }
    graph.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous);
    graph.addLayer(
        "output",
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(classes)
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

  private static String convBnRelu(
      ComputationGraphConfiguration.GraphBuilder graph,
      String name,
      String input,
      int channels,
      int kernel) {
    graph.addLayer(
        name + "_conv",
        new ConvolutionLayer.Builder(kernel, kernel)
            .nOut(channels)
            .activation(Activation.IDENTITY)
            .build(),
        input);
    graph.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
    graph.addLayer(
        name + "_relu",
        new ActivationLayer.Builder().activation(Activation.RELU).build(),
        name + "_bn");
    return name + "_relu";
  }

  private static String convBnRelu(
      ComputationGraphConfiguration.GraphBuilder graph,
      String prefix,
      String input,
      int channels,
      int kernel,
      int index) {
    String name = prefix + "conv" + index;
    String bn = prefix + "bn" + index;
    String relu = prefix + "relu" + index;
    graph.addLayer(
        name,
        new ConvolutionLayer.Builder(kernel, kernel)
            .nOut(channels)
            .activation(Activation.IDENTITY)
            .build(),
        input);
    graph.addLayer(bn, new BatchNormalization.Builder().build(), name);
    graph.addLayer(relu, new ActivationLayer.Builder().activation(Activation.RELU).build(), bn);
    return relu;
  }
}
