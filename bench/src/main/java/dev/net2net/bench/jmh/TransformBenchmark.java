package dev.net2net.bench.jmh;

import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.surgery.Surgeon;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The cost of a transform against the floor of copying parameters once, on MLPs 784-H-H-10 whose
 * parameter count is the {@code params} parameter: {@code copy} is {@code params().dup()} of the
 * teacher, {@code copyWidened} and {@code copyDeepened} the same of each student (the floor the
 * goal is stated against); {@code widen} is Net2WiderNet of the first hidden layer from H to 1.5 H
 * (no probes, so no preservation measurement); {@code deepen} is Net2DeeperNet of an identity layer
 * after the first hidden layer. The {@code Before} variants build the same students the way the
 * surgery did before (DL4J's {@code init()} draws random weights for every parameter, which are
 * then overwritten), in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TransformBenchmark {

  /**
   * Parameters of the model: H is chosen so that 784 H + H^2 + 10 H + 2 H + 10 is about this many.
   */
  @Param({"1000000", "10000000", "50000000"})
  public long params;

  MultiLayerNetwork model;
  int hidden;
  MultiLayerNetwork widened;
  MultiLayerNetwork deepened;

  @Setup(Level.Trial)
  public void build(BenchmarkParams benchmark) {
    hidden = hiddenFor(params);
    model = mlp(hidden);
    // The students exist only in the trials that copy them: at 50M parameters they hold 700 MB.
    if (benchmark.getBenchmark().endsWith(".copyWidened")) {
      widened = widenStudent();
    }
    if (benchmark.getBenchmark().endsWith(".copyDeepened")) {
      deepened = deepenStudent();
    }
  }

  @TearDown(Level.Iteration)
  public void collect() {
    System.gc();
  }

  static int hiddenFor(long params) {
    // H^2 + 796 H + 10 - params = 0
    return (int) Math.round((-796 + Math.sqrt(796.0 * 796 + 4.0 * (params - 10))) / 2);
  }

  public static MultiLayerNetwork mlp(int hidden) {
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(1)
            .updater(new Adam(1e-3))
            .weightInit(WeightInit.RELU)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .name("hidden1")
                    .nOut(hidden)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new DenseLayer.Builder()
                    .name("hidden2")
                    .nOut(hidden)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .name("output")
                    .nOut(10)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.feedForward(784))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private MultiLayerNetwork widenStudent() {
    return Net2WiderNet.widen(model, WidenRequest.of("hidden1", hidden + hidden / 2)).student();
  }

  private MultiLayerNetwork deepenStudent() {
    return Net2DeeperNet.deepen(model, DeepenRequest.after("hidden1")).student();
  }

  @Benchmark
  public INDArray copy() {
    return model.params().dup();
  }

  @Benchmark
  public INDArray copyWidened() {
    return widened.params().dup();
  }

  @Benchmark
  public INDArray copyDeepened() {
    return deepened.params().dup();
  }

  @Benchmark
  public MultiLayerNetwork widen() {
    return widenStudent();
  }

  @Benchmark
  public MultiLayerNetwork widenBefore() {
    return Surgeon.constructing(Surgeon.Construction.INITIALISE_THEN_OVERWRITE, this::widenStudent);
  }

  @Benchmark
  public MultiLayerNetwork deepen() {
    return deepenStudent();
  }

  @Benchmark
  public MultiLayerNetwork deepenBefore() {
    return Surgeon.constructing(
        Surgeon.Construction.INITIALISE_THEN_OVERWRITE, this::deepenStudent);
  }

  /** The benchmark methods, in the order reports list them. */
  public static List<String> methods() {
    return List.of(
        "copy", "copyWidened", "copyDeepened", "widenBefore", "widen", "deepenBefore", "deepen");
  }
}
