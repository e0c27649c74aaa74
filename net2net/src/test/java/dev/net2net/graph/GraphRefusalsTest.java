package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerRef;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * What cannot be preserved is refused, with the vertex named and what would be accepted: vertices
 * that mix or drop units on the widened path, a network input in a sum, a concatenation that would
 * have to swap units between its inputs, and a residual block in a network that cannot hold a sum.
 */
class GraphRefusalsTest {

  /**
   * A vertex that does not act unit by unit, spliced right after a random layer of a generated
   * graph.
   */
  @Property(tries = 12)
  void anUnsupportedVertexAfterTheWidenedLayerIsRefusedByName(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    GraphSpec spec = GraphSpec.generate(seed);
    Random r = new Random(seed + 11);
    List<String> candidates =
        spec.widenable().stream().filter(l -> spec.mergeRoot(l).isEmpty()).toList();
    String layer = candidates.get(r.nextInt(candidates.size()));
    boolean subsetFits = spec.node(layer).rank() == 2 || spec.format() == CNN2DFormat.NCHW;
    int kind = r.nextInt(subsetFits ? 3 : 2);
    GraphVertex hazard =
        switch (kind) {
          case 0 -> new ElementWiseVertex(ElementWiseVertex.Op.Product);
          case 1 -> new L2NormalizeVertex();
          default -> new SubsetVertex(0, Math.toIntExact(units(spec, layer)) - 1);
        };
    String expected =
        switch (kind) {
          case 0 -> "Product";
          case 1 -> "L2NormalizeVertex";
          default -> "SubsetVertex";
        };
    Statistics.collect(expected);
    ComputationGraph graph = spec.buildWithVertexAfter(layer, "hazard", hazard, kind == 0 ? 2 : 1);
    Teacher before = Teacher.snapshot(graph);
    assertThatThrownBy(
            () ->
                Net2WiderNet.widen(graph, WidenRequest.of(LayerRef.named(layer), Width.factor(2))))
        .as("%s\nwith %s after %s", spec, expected, layer)
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'hazard'")
        .hasMessageContaining(expected)
        .hasMessageContaining("cannot widen '" + layer);
    before.assertUnchanged(graph);
  }

  private static long units(GraphSpec spec, String layer) {
    ComputationGraph g = spec.build();
    return ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
            g.getLayer(layer).conf().getLayer())
        .getNOut();
  }

  @Example
  void aNetworkInputInASumCannotBeWidened() {
    ComputationGraph graph =
        graph(
            g -> {
              g.addLayer("conv", conv(1, 3), "input");
              g.addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "input", "conv");
              head(g, "sum");
            });
    assertThatThrownBy(() -> Net2WiderNet.widen(graph, WidenRequest.of("conv", 3)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'input' (network input) feeds the sum at 'sum'")
        .hasMessageContaining("dense or convolution layers");
  }

  /** stem -> towers = concat(t1, t2) -> branch; sum = towers + branch. */
  private static ComputationGraph towersJoiningASum() {
    return graph(
        g -> {
          g.addLayer("stem", conv(4, 3), "input");
          g.addLayer("t1", conv(2, 1), "stem");
          g.addLayer("t2", conv(2, 3), "stem");
          g.addVertex("towers", new MergeVertex(), "t1", "t2");
          g.addLayer("branch", conv(4, 3), "towers");
          g.addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "towers", "branch");
          head(g, "sum");
        });
  }

  @Example
  void aConcatenationThatWouldSwapUnitsBetweenItsInputsIsRefusedByName() {
    // branch + concat(t1, t2): widening the branch gives the sum a mapping over all 4 units; the
    // concatenation
    // can only follow it if every new unit copies a unit of its last input, and this seed copies
    // unit 0.
    ComputationGraph graph = towersJoiningASum();
    long seed = seedCopyingFirstUnit();
    assertThatThrownBy(() -> Net2WiderNet.widen(graph, WidenRequest.of("branch", 5).withSeed(seed)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("concatenation 'towers' (MergeVertex)")
        .hasMessageContaining("sum at 'sum'")
        .hasMessageContaining("widen a layer inside one of the concatenated inputs");
  }

  @Example
  void aTowerOfAConcatenationThatJoinsASumWidensTheSumsOtherTerm() {
    ComputationGraph graph = towersJoiningASum();
    INDArray images = Probes.fashion(0, 32).reshape('c', new long[] {32, 1, 28, 28});
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(graph, WidenRequest.of("t1", 5), images);
    assertThat(wider.report().settings().get("widened")).isEqualTo("t1,branch");
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
    assertThat(wider.student().getLayer("branch").getParam("W").size(0)).isEqualTo(7);
  }

  @Example
  void aResidualBlockInAMultiLayerNetworkIsRefusedWithTheWayOut() {
    MultiLayerNetwork chain =
        Nets.chain(
            Nets.flat(), new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build());
    assertThatThrownBy(
            () -> Net2DeeperNet.deepen(chain, DeepenRequest.after("layer0").withResidual()))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'layer0'")
        .hasMessageContaining("cannot express a sum")
        .hasMessageContaining("toComputationGraph()");
    assertThatThrownBy(() -> Net2DeeperNet.deepen(chain, DeepenRequest.after("layer0")))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("not idempotent")
        .hasMessageContaining("toComputationGraph()");
  }

  @Example
  void aNonIdempotentActivationInAGraphPointsAtTheResidualBlock() {
    ComputationGraph graph =
        graph(
            g -> {
              g.addLayer(
                  "squash",
                  new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build(),
                  "input");
              head(g, "squash");
            });
    assertThatThrownBy(() -> Net2DeeperNet.deepen(graph, DeepenRequest.after("squash")))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'squash'")
        .hasMessageContaining("tanh")
        .hasMessageContaining("not idempotent")
        .hasMessageContaining("withResidual()")
        .hasMessageContaining("--residual");
    assertThatThrownBy(
            () ->
                Net2DeeperNet.deepen(
                    graph,
                    DeepenRequest.after("squash")
                        .withResidual()
                        .withBatchNorm(BatchNormMode.NO_RESCALE)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("without rescale");
    INDArray images = Probes.fashion(0, 16).reshape('c', new long[] {16, 1, 28, 28});
    Transformed<ComputationGraph> deeper =
        Net2DeeperNet.deepen(graph, DeepenRequest.after("squash").withResidual(), images);
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference()).isZero();
    assertThat(deeper.report().settings().get("block"))
        .isEqualTo("residual (sum at squash_res_add)");
    // The inner layer keeps DL4J's random initialisation (so that the zero layer gets a gradient);
    // the
    // zero layer is zero.
    assertThat(
            deeper.student().getLayer("squash_res_inner").getParam("W").amaxNumber().doubleValue())
        .isPositive();
    assertThat(deeper.student().getLayer("squash_res_inner").getParam("b").isNaN().any()).isFalse();
    assertThat(deeper.student().getLayer("squash_res_zero").params().amaxNumber().doubleValue())
        .isZero();
  }

  /**
   * A seed whose widening of 4 units to 5 copies unit 0 (in the first input of a concatenation of 2
   * + 2).
   */
  private static long seedCopyingFirstUnit() {
    for (long seed = 0; ; seed++) {
      if (dev.net2net.widen.WideningMapping.random(4, 5, seed).source()[4] == 0) {
        return seed;
      }
    }
  }

  private static ConvolutionLayer conv(int nOut, int kernel) {
    return new ConvolutionLayer.Builder(kernel, kernel)
        .nOut(nOut)
        .activation(Activation.RELU)
        .build();
  }

  private static void head(GraphBuilder g, String input) {
    g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
    g.addLayer(
        "output",
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(10)
            .activation(Activation.SOFTMAX)
            .build(),
        "gap");
    g.setOutputs("output");
  }

  private static ComputationGraph graph(Consumer<GraphBuilder> body) {
    GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .updater(new Adam(1e-3))
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("input")
            .setInputTypes(InputType.convolutional(28, 28, 1));
    body.accept(g);
    ComputationGraph graph = new ComputationGraph(g.build());
    graph.init();
    return graph;
  }
}
