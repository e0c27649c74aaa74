package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerRef;
import dev.net2net.report.OutputDifference;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Probes;
import dev.net2net.towers.DeepenTowersRequest;
import dev.net2net.towers.Towers;
import dev.net2net.towers.WidenTowersRequest;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Well-known graph styles the generator does not build in this exact form: an Inception-ResNet
 * block (towers, concatenation, linear 1x1 projection, scaling, residual add), a GoogLeNet-style
 * auxiliary classifier (two outputs), and a DenseNet-style chain of concatenations of a tensor with
 * a convolution of itself. Tolerances as in the property tests (1e-5 widen, 1e-6 deepen), measured
 * on every output.
 */
class GraphStylesTest {
  private static final INDArray IMAGES =
      Probes.fashion(100, 16).reshape('c', new long[] {16, 1, 28, 28});

  @Example
  void inceptionResNetBlock() {
    ComputationGraph g =
        graph(
            b -> {
              b.addLayer("stem", stem(8), "input");
              b.addLayer("t1", conv(4, 1, Activation.RELU), "stem");
              b.addLayer("t2a", conv(3, 1, Activation.RELU), "stem");
              b.addLayer("t2b", conv(4, 3, Activation.RELU), "t2a");
              b.addVertex("concat", new MergeVertex(), "t1", "t2b");
              b.addLayer("project", conv(8, 1, Activation.IDENTITY), "concat");
              b.addVertex("scale", new ScaleVertex(0.2), "project");
              b.addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "scale");
              b.addLayer("add_bn", new BatchNormalization.Builder().build(), "add");
              b.addLayer(
                  "relu",
                  new ActivationLayer.Builder().activation(Activation.RELU).build(),
                  "add_bn");
              head(b, "relu", "output");
              b.setOutputs("output");
            });
    assertWidens(g, "t2b");
    // The projection writes to the sum through the scaling, so the stem (the sum's other term)
    // shares its mapping.
    Transformed<ComputationGraph> project = assertWidens(g, "project");
    assertThat(project.report().settings().get("widened")).isEqualTo("project,stem");
    assertDeepens(g, DeepenRequest.after("add").withBatchNorm(BatchNormMode.IDENTITY));
    assertDeepens(g, DeepenRequest.after("scale").withResidual());
    assertThat(Towers.find(g)).singleElement().satisfies(m -> assertThat(m.towers()).hasSize(2));
    assertThat(measure(g, Towers.widen(g, WidenTowersRequest.byFactor(2)).student()))
        .isLessThanOrEqualTo(1e-5);
    assertThat(measure(g, Towers.deepen(g, DeepenTowersRequest.of(2), IMAGES).student()))
        .isLessThanOrEqualTo(1e-6);
  }

  @Example
  void anAuxiliaryClassifierIsASecondOutputThatEveryTransformKeeps() {
    ComputationGraph g =
        graph(
            b -> {
              b.addLayer("stem", stem(6), "input");
              b.addLayer(
                  "pool",
                  new SubsamplingLayer.Builder(PoolingType.MAX)
                      .kernelSize(2, 2)
                      .stride(2, 2)
                      .build(),
                  "stem");
              b.addLayer("t1", conv(4, 1, Activation.RELU), "pool");
              b.addLayer("t2", conv(5, 3, Activation.RELU), "pool");
              b.addLayer(
                  "t3",
                  new SubsamplingLayer.Builder(PoolingType.AVG)
                      .kernelSize(3, 3)
                      .stride(1, 1)
                      .build(),
                  "pool");
              b.addVertex("m1", new MergeVertex(), "t1", "t2", "t3");
              head(b, "m1", "aux");
              b.addLayer("deep", conv(7, 3, Activation.RELU), "m1");
              head(b, "deep", "main");
              b.setOutputs("main", "aux");
            });
    Transformed<ComputationGraph> wider = assertWidens(g, "t2");
    assertThat(wider.report().preservation().orElseThrow().perOutput()).hasSize(2);
    assertWidens(g, "stem");
    assertDeepens(g, DeepenRequest.after("m1").withBatchNorm(BatchNormMode.IDENTITY));
    assertThat(measure(g, Towers.widen(g, WidenTowersRequest.byFactor(1.85)).student()))
        .isLessThanOrEqualTo(1e-5);
  }

  @Example
  void denseNetStyleConcatenationsOfATensorWithItsOwnConvolution() {
    ComputationGraph g =
        graph(
            b -> {
              b.addLayer("stem", stem(4), "input");
              String previous = "stem";
              for (int i = 1; i <= 3; i++) {
                b.addLayer("bn" + i, new BatchNormalization.Builder().build(), previous);
                b.addLayer(
                    "relu" + i,
                    new ActivationLayer.Builder().activation(Activation.RELU).build(),
                    "bn" + i);
                b.addLayer("grow" + i, conv(3, 3, Activation.IDENTITY), "relu" + i);
                b.addVertex("cat" + i, new MergeVertex(), previous, "grow" + i);
                previous = "cat" + i;
              }
              head(b, previous, "output");
              b.setOutputs("output");
            });
    assertWidens(g, "stem");
    assertWidens(g, "grow1");
    assertDeepens(g, DeepenRequest.after("cat2"));
    // Each concatenation's first input reads the previous concatenation directly: a pass-through
    // tower.
    assertThat(Towers.find(g).get(1).towers().get(0).isPassThrough()).isTrue();
    Transformed<ComputationGraph> deeper =
        Towers.deepen(g, DeepenTowersRequest.of(1).withResidual(), IMAGES);
    assertThat(deeper.report().settings().get("skipped")).contains("cat1[0]").contains("cat3[0]");
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-6);
  }

  private static Transformed<ComputationGraph> assertWidens(ComputationGraph g, String layer) {
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(
            g,
            WidenRequest.of(LayerRef.named(layer), Width.factor(1.75)).withSeed(layer.hashCode()),
            IMAGES);
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .as("widen %s", layer)
        .isLessThanOrEqualTo(1e-5);
    Teacher.assertRoundTrip(wider.student(), IMAGES);
    return wider;
  }

  private static void assertDeepens(ComputationGraph g, DeepenRequest request) {
    Transformed<ComputationGraph> deeper = Net2DeeperNet.deepen(g, request, IMAGES);
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference())
        .as("deepen %s", request.after())
        .isLessThanOrEqualTo(1e-6);
    Teacher.assertRoundTrip(deeper.student(), IMAGES);
  }

  private static double measure(ComputationGraph teacher, ComputationGraph student) {
    OutputDifference d = Preservation.measure(teacher, student, IMAGES);
    return d.maxAbsDifference();
  }

  /** A stride-2 stem: the blocks run on 14x14 maps, which keeps the test fast. */
  private static ConvolutionLayer stem(int nOut) {
    return new ConvolutionLayer.Builder(3, 3)
        .stride(2, 2)
        .nOut(nOut)
        .activation(Activation.RELU)
        .build();
  }

  private static ConvolutionLayer conv(int nOut, int kernel, Activation activation) {
    return new ConvolutionLayer.Builder(kernel, kernel).nOut(nOut).activation(activation).build();
  }

  private static void head(GraphBuilder b, String input, String name) {
    b.addLayer(name + "_gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
    b.addLayer(
        name + "_fc",
        new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(),
        name + "_gap");
    b.addLayer(
        name,
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(10)
            .activation(Activation.SOFTMAX)
            .build(),
        name + "_fc");
  }

  private static ComputationGraph graph(Consumer<GraphBuilder> body) {
    GraphBuilder b =
        new NeuralNetConfiguration.Builder()
            .seed(21)
            .updater(new Adam(1e-3))
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutional(28, 28, 1));
    body.accept(b);
    ComputationGraph graph = new ComputationGraph(b.build());
    graph.init();
    NetSpec.randomiseBatchNorm(graph, new Random(8));
    return graph;
  }
}
