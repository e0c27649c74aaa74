package dev.net2net.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * 1D convolutions in a ComputationGraph with a residual sum over sequences: widening one writer of
 * the sum widens the other with the same mapping, a residual block after a tanh convolution is
 * exact, and an identity layer after it is refused. Tolerances as in docs/transforms.md (widen
 * 1e-5, deepen 1e-6).
 */
class SequenceGraphsTest {

  private static ComputationGraph graph(RNNFormat format) {
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(21)
            .graphBuilder()
            .addInputs("in")
            .setInputTypes(InputType.recurrent(2, 12, format))
            .addLayer(
                "c1",
                new Convolution1DLayer.Builder(3)
                    .nOut(4)
                    .convolutionMode(ConvolutionMode.Same)
                    .rnnDataFormat(format)
                    .activation(Activation.TANH)
                    .build(),
                "in")
            .addLayer(
                "c2",
                new Convolution1DLayer.Builder(5)
                    .nOut(4)
                    .convolutionMode(ConvolutionMode.Same)
                    .rnnDataFormat(format)
                    .activation(Activation.RELU)
                    .build(),
                "c1")
            .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c2")
            .addLayer(
                "pool",
                new GlobalPoolingLayer.Builder(PoolingType.AVG)
                    .poolingDimensions(format == RNNFormat.NWC ? new int[] {1} : new int[] {2})
                    .build(),
                "sum")
            .addLayer(
                "out",
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build(),
                "pool")
            .setOutputs("out")
            .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  private static INDArray inputs(RNNFormat format) {
    Nd4j.getRandom().setSeed(3);
    return Nd4j.randn(
        DataType.FLOAT, format == RNNFormat.NWC ? new long[] {16, 12, 2} : new long[] {16, 2, 12});
  }

  @ParameterizedTest
  @EnumSource(RNNFormat.class)
  void wideningOneWriterOfASumOverSequencesWidensTheOtherAlike(RNNFormat format) {
    ComputationGraph teacher = graph(format);
    INDArray x = inputs(format);
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(teacher, WidenRequest.of("c2", 7).withSeed(5), x);
    assertThat(wider.report().settings().get("widened")).contains("c1").contains("c2");
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
  }

  @ParameterizedTest
  @EnumSource(RNNFormat.class)
  void aResidualBlockAfterATanhConvolutionIsExactAndAnIdentityLayerIsRefused(RNNFormat format) {
    ComputationGraph teacher = graph(format);
    INDArray x = inputs(format);
    ComputationGraph deeper =
        Net2DeeperNet.deepen(teacher, DeepenRequest.after("c1").withResidual(), x).student();
    assertThat(Preservation.measure(teacher, deeper, x).maxAbsDifference())
        .isLessThanOrEqualTo(1e-6);
    assertThat(deeper.getLayer("c1_res_inner").conf().getLayer())
        .isInstanceOf(Convolution1DLayer.class);
    assertThatThrownBy(() -> Net2DeeperNet.deepen(teacher, DeepenRequest.after("c1"), x))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("not idempotent");
    assertThatThrownBy(
            () ->
                Net2DeeperNet.deepen(
                    teacher,
                    DeepenRequest.after("c1")
                        .withResidual()
                        .withBatchNorm(dev.net2net.deepen.BatchNormMode.IDENTITY),
                    x))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("sequences");
  }
}
