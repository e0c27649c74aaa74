package dev.net2net.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.io.ModelFiles;
import dev.net2net.model.HelperGuard;
import dev.net2net.model.ModelHandle;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A MobileNet-style block in NHWC (separable convolution, then a 1x1 convolution and a batch norm)
 * computes the same outputs with DL4J's oneDNN helpers on as with them off, once its network has
 * passed through {@link HelperGuard}; without the guard it does not (that is the bug it exists
 * for). Needs the oneDNN build of libnd4j, this build's default.
 */
class HelperGuardTest {
  private final ComputeSettings before = ComputeSettings.current();

  @AfterEach
  void restore() {
    before.apply();
  }

  private static MultiLayerNetwork mobileBlock(CNN2DFormat format, boolean helpers) {
    new ComputeSettings(1, helpers).apply();
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .list()
            .layer(
                new ConvolutionLayer.Builder(3, 3)
                    .nOut(4)
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(format)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new SeparableConvolution2D.Builder(3, 3)
                    .nOut(6)
                    .depthMultiplier(2)
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(format)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new ConvolutionLayer.Builder(1, 1)
                    .nOut(8)
                    .dataFormat(format)
                    .activation(Activation.RELU)
                    .build())
            .layer(new BatchNormalization.Builder().dataFormat(format).build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(5)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutional(12, 12, 3, format))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static INDArray input(CNN2DFormat format) {
    Nd4j.getRandom().setSeed(11);
    return format == CNN2DFormat.NHWC ? Nd4j.rand(16, 12, 12, 3) : Nd4j.rand(16, 3, 12, 12);
  }

  /** The largest difference from the same network computed with no helper at all. */
  private static double offBy(MultiLayerNetwork withHelpers, CNN2DFormat format) {
    MultiLayerNetwork reference = mobileBlock(format, false);
    reference.setParams(withHelpers.params().dup());
    // Layers keep the helpers they were built with; ND4J's switch must be on for them to run.
    new ComputeSettings(1, true).apply();
    INDArray x = input(format);
    return reference.output(x).sub(withHelpers.output(x)).amax().getDouble(0);
  }

  @Test
  void theOneDnnHelpersMiscomputeAnNhwcSeparableBlockUnlessGuarded() {
    MultiLayerNetwork unguarded = mobileBlock(CNN2DFormat.NHWC, true);
    assertThat(HelperGuard.helpersRemoved(unguarded))
        .as("the oneDNN helpers are on in this build, or this test proves nothing")
        .isFalse();
    // The premise: if a DL4J release fixes the bug, this fails and the guard can go.
    assertThat(offBy(unguarded, CNN2DFormat.NHWC)).isGreaterThan(1e-3);

    MultiLayerNetwork guarded = mobileBlock(CNN2DFormat.NHWC, true);
    ModelHandle.of(guarded);
    assertThat(HelperGuard.helpersRemoved(guarded)).isTrue();
    // Float32 sums in a different order: a few ulps of outputs near 0.2.
    assertThat(offBy(guarded, CNN2DFormat.NHWC)).isLessThan(1e-6);
  }

  @Test
  void aChannelsFirstNetworkKeepsItsHelpers() {
    MultiLayerNetwork net = mobileBlock(CNN2DFormat.NCHW, true);
    assertThat(HelperGuard.protect(net)).isZero();
    assertThat(HelperGuard.helpersRemoved(net)).isFalse();
    assertThat(offBy(net, CNN2DFormat.NCHW)).isLessThan(1e-6);
  }

  @Test
  void aLoadedModelIsGuarded(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("mobile.zip");
    ModelSerializer.writeModel(mobileBlock(CNN2DFormat.NHWC, true), zip.toFile(), true);
    new ComputeSettings(1, true).apply();
    Model loaded = ModelFiles.load(zip);
    assertThat(HelperGuard.helpersRemoved(loaded)).isTrue();
    assertThat(offBy((MultiLayerNetwork) loaded, CNN2DFormat.NHWC)).isLessThan(1e-6);
  }
}
