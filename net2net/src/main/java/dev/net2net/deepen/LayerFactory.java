package dev.net2net.deepen;

import dev.net2net.surgery.Initial;
import dev.net2net.surgery.ParamEdit;
import dev.net2net.surgery.SurgeryPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers Net2DeeperNet inserts, with the values that make them start as the identity: dense
 * layers and 2D and 1D convolutions with identity weights, batch normalizations whose scale and
 * running statistics cancel (or that leave the rescaling to the next layer), and activation layers;
 * each copying the training settings of a neighbouring layer. Pure construction: where a layer goes
 * and from which statistics is the planner's business.
 */
final class LayerFactory {
  private final int kernel;
  private final DataType dataType;

  /**
   * The teacher's first batch normalization, whose eps and decay new ones share; null if it has
   * none.
   */
  private final BatchNormalization existing;

  LayerFactory(int kernel, DataType dataType, BatchNormalization existing) {
    this.kernel = kernel;
    this.dataType = dataType;
    this.existing = existing;
  }

  DenseLayer dense(String name, long units, IActivation activation) {
    return new DenseLayer.Builder()
        .name(name)
        .nIn(units)
        .nOut(units)
        .activation(activation)
        .hasBias(true)
        .build();
  }

  Convolution1DLayer convolution1D(
      String name, long channels, RNNFormat format, IActivation activation) {
    return new Convolution1DLayer.Builder(kernel)
        .name(name)
        .nIn(channels)
        .nOut(channels)
        .stride(1)
        .convolutionMode(ConvolutionMode.Same)
        .rnnDataFormat(format)
        .activation(activation)
        .hasBias(true)
        .build();
  }

  /**
   * An identity 1D convolution: ones at the kernel's centre on the diagonal of its {@code [k, nIn,
   * nOut]} kernel, stored the way DL4J reads it (see {@link ParamEdit.Convolution1DKernel}).
   */
  SurgeryPlan.NewLayer identityConvolution1D(
      String name, long channels, RNNFormat format, IActivation activation, BaseLayer template) {
    int k = kernel;
    Convolution1DLayer layer = convolution1D(name, channels, format, activation);
    copyTrainingSettings(template, layer);
    DataType type = dataType;
    INDArray kernel = Nd4j.zeros(type, k, channels, channels);
    for (long c = 0; c < channels; c++) {
      kernel.putScalar(new long[] {k / 2, c, c}, 1.0);
    }
    Map<String, INDArray> params = new LinkedHashMap<>();
    params.put("W", ParamEdit.Convolution1DKernel.fromKernel(kernel, 'c'));
    params.put("b", Nd4j.zeros(type, channels));
    return new SurgeryPlan.NewLayer(layer, params);
  }

  ConvolutionLayer convolution(
      String name, long channels, CNN2DFormat format, IActivation activation) {
    int k = kernel;
    return new ConvolutionLayer.Builder(k, k)
        .name(name)
        .nIn(channels)
        .nOut(channels)
        .stride(1, 1)
        .convolutionMode(ConvolutionMode.Same)
        .dataFormat(format)
        .activation(activation)
        .hasBias(true)
        .build();
  }

  /**
   * A batch normalization over {@code units} features or channels, with the network's eps and
   * decay.
   *
   * <p>It stores its running variance as such, not as log10 of the standard deviation: DL4J
   * rebuilds the variance from a float log10 with a float power, whose rounding (a few 1e-7,
   * relative) would make the identity inexact, while from a stored float variance the standard
   * deviation is sqrt(var + eps) rounded once, which {@link #standardDeviations} reproduces bit for
   * bit.
   */
  BatchNormalization.Builder batchNormalization(String name, long units, CNN2DFormat format) {
    return new BatchNormalization.Builder()
        .name(name)
        .nIn(units)
        .nOut(units)
        // DL4J's default is NCHW; an NHWC tensor would be normalised along its height instead of
        // its channels.
        .dataFormat(format)
        .eps(existing != null ? existing.getEps() : 1e-5)
        .decay(existing != null ? existing.getDecay() : 0.9)
        .useLogStd(false);
  }

  /**
   * The standard deviations DL4J divides by at inference, sqrt(var + eps), computed as it computes
   * them in float32: the variance and eps rounded to float, added in float, the square root rounded
   * to float (a square root computed in double and rounded once to float is the correctly rounded
   * float square root). A scale equal to these makes gamma / std exactly 1.
   */
  static double[] standardDeviations(double[] variance, double eps) {
    double[] std = new double[variance.length];
    for (int i = 0; i < std.length; i++) {
      float sum = (float) variance[i] + (float) eps;
      std[i] = (float) Math.sqrt(sum);
    }
    return std;
  }

  SurgeryPlan.NewLayer identityDense(
      String name, long units, IActivation activation, BaseLayer template) {
    DenseLayer layer = dense(name, units, activation);
    copyTrainingSettings(template, layer);
    Map<String, Initial> params = new LinkedHashMap<>();
    params.put("W", Initial.identity());
    params.put("b", Initial.zeros());
    return SurgeryPlan.NewLayer.starting(layer, params);
  }

  SurgeryPlan.NewLayer identityConvolution(
      String name, long channels, CNN2DFormat format, IActivation activation, BaseLayer template) {
    ConvolutionLayer layer = convolution(name, channels, format, activation);
    copyTrainingSettings(template, layer);
    // W is [channels, channels, k, k]: channel c passes to channel c through the kernel's centre
    // tap.
    Map<String, Initial> params = new LinkedHashMap<>();
    params.put("W", Initial.identity());
    params.put("b", Initial.zeros());
    return SurgeryPlan.NewLayer.starting(layer, params);
  }

  SurgeryPlan.NewLayer activationLayer(String name, IActivation activation) {
    return new SurgeryPlan.NewLayer(
        new ActivationLayer.Builder().name(name).activation(activation).build(), Map.of());
  }

  SurgeryPlan.NewLayer identityBatchNorm(
      String name,
      long units,
      CNN2DFormat format,
      DeepenPlanner.Statistics stats,
      BaseLayer template) {
    BatchNormalization layer = batchNormalization(name, units, format).build();
    copyTrainingSettings(template, layer);
    DataType type = dataType;
    INDArray gamma =
        Nd4j.createFromArray(standardDeviations(stats.variance(), layer.getEps())).castTo(type);
    Map<String, INDArray> params = new LinkedHashMap<>();
    params.put("gamma", gamma);
    params.put("beta", Nd4j.createFromArray(stats.mean()).castTo(type));
    putRunningStatistics(params, layer, stats, type);
    return new SurgeryPlan.NewLayer(layer, params);
  }

  SurgeryPlan.NewLayer unscaledBatchNorm(
      String name,
      long units,
      CNN2DFormat format,
      DeepenPlanner.Statistics stats,
      BaseLayer template) {
    BatchNormalization layer =
        batchNormalization(name, units, format).lockGammaBeta(true).gamma(1.0).beta(0.0).build();
    copyTrainingSettings(template, layer);
    Map<String, INDArray> params = new LinkedHashMap<>();
    putRunningStatistics(params, layer, stats, dataType);
    return new SurgeryPlan.NewLayer(layer, params);
  }

  static void putRunningStatistics(
      Map<String, INDArray> params,
      BatchNormalization layer,
      DeepenPlanner.Statistics stats,
      DataType type) {
    params.put("mean", Nd4j.createFromArray(stats.mean()).castTo(type));
    if (layer.isUseLogStd()) {
      params.put(
          "log10stdev",
          Nd4j.createFromArray(map(stats.variance(), v -> 0.5 * Math.log10(v))).castTo(type));
    } else {
      params.put("var", Nd4j.createFromArray(stats.variance()).castTo(type));
    }
  }

  static void copyTrainingSettings(BaseLayer from, BaseLayer to) {
    to.setIUpdater(from.getIUpdater() == null ? null : from.getIUpdater().clone());
    to.setBiasUpdater(from.getBiasUpdater() == null ? null : from.getBiasUpdater().clone());
    to.setRegularization(
        from.getRegularization() == null ? null : new ArrayList<>(from.getRegularization()));
    to.setRegularizationBias(
        from.getRegularizationBias() == null
            ? null
            : new ArrayList<>(from.getRegularizationBias()));
    to.setGradientNormalization(from.getGradientNormalization());
    to.setGradientNormalizationThreshold(from.getGradientNormalizationThreshold());
    to.setWeightInitFn(from.getWeightInitFn());
    // A layer built outside NeuralNetConfiguration.Builder has no bias initialisation (NaN), and
    // DL4J would
    // start a bias it is not given at NaN.
    to.setBiasInit(Double.isNaN(from.getBiasInit()) ? 0.0 : from.getBiasInit());
  }

  private static double[] map(double[] values, DoubleUnaryOperator f) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = f.applyAsDouble(values[i]);
    }
    return out;
  }
}
