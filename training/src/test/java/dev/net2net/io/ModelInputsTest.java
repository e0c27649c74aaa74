package dev.net2net.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.model.ModelHandle;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images shaped the way each kind of first layer wants them, checked by running the model on them.
 */
class ModelInputsTest {
  private final LabeledImages images = Probes.fashionTest().first(4);

  private static void runs(ModelHandle model, INDArray[] inputs) {
    assertThat(model.output(inputs)[0].size(0)).isEqualTo(4);
  }

  @Test
  void flatForDenseAndFlatToImageModels() {
    MultiLayerNetwork dense = Nets.chain(Nets.flat(), new DenseLayer.Builder().nOut(5).build());
    INDArray[] in = ModelInputs.of(ModelHandle.of(dense), images);
    assertThat(in[0].shape()).containsExactly(4, 784);
    runs(ModelHandle.of(dense), in);
    MultiLayerNetwork conv =
        Nets.chain(Nets.image(), new ConvolutionLayer.Builder(3, 3).nOut(2).build());
    assertThat(ModelInputs.of(ModelHandle.of(conv), images)[0].shape()).containsExactly(4, 784);
  }

  @Test
  void imagesForAGraphThatStartsWithBatchNormThenPooling() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC))
                .addLayer("bn", new BatchNormalization.Builder().build(), "in")
                .addLayer(
                    "pool",
                    new SubsamplingLayer.Builder(2, 2)
                        .stride(2, 2)
                        .dataFormat(CNN2DFormat.NHWC)
                        .build(),
                    "bn")
                .addLayer(
                    "conv",
                    new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(CNN2DFormat.NHWC).build(),
                    "pool")
                .addLayer("gap", new GlobalPoolingLayer.Builder().build(), "conv")
                .addLayer(
                    "out",
                    new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(),
                    "gap")
                .setOutputs("out")
                .build());
    graph.init();
    INDArray[] in = ModelInputs.of(ModelHandle.of(graph), images);
    assertThat(in[0].shape()).containsExactly(4, 28, 28, 1);
    runs(ModelHandle.of(graph), in);
  }

  @Test
  void aModelThatWantsOtherImagesIsRefusedWithTheReason() {
    MultiLayerNetwork wide =
        Nets.chain(InputType.feedForward(100), new DenseLayer.Builder().nOut(5).build());
    assertThatThrownBy(() -> ModelInputs.of(ModelHandle.of(wide), images))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("expects 100 values per example");
  }
}
