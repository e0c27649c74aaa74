package dev.net2net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import java.io.File;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.*;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping3D;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every concrete layer class of {@code deeplearning4j-nn}, placed after a widenable layer of a
 * small network whose input suits it: widening that layer (through the class), widening the class
 * itself and deepening after it each either preserve the outputs within the tolerances (widen 1e-5,
 * deepen 1e-6) or are refused with a {@link TransformException}. Any other exception is a defect.
 * The list of classes is checked against the jar, so a DL4J upgrade that adds a layer fails here
 * until the layer is placed or excluded with a reason.
 */
class LayerCatalogueTest {
  static final double WIDEN_TOLERANCE = 1e-5;
  static final double DEEPEN_TOLERANCE = 1e-6;

  /**
   * The shape of input a host network takes, and the widenable layer it puts before the class under
   * test.
   */
  enum Host {
    FEATURES,
    IMAGES,
    SEQUENCES,
    VOLUMES
  }

  record Placement(Host host, Supplier<Layer> layer) {}

  private static final Map<Class<?>, List<Placement>> PLACED = new LinkedHashMap<>();

  /** Classes not placed in a network, and why. */
  private static final Map<Class<?>, String> EXCLUDED = new LinkedHashMap<>();

  private static void place(Class<?> type, Host host, Supplier<Layer> layer) {
    PLACED.computeIfAbsent(type, k -> new ArrayList<>()).add(new Placement(host, layer));
  }

  static {
    place(
        DenseLayer.class,
        Host.FEATURES,
        () -> new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build());
    place(
        DenseLayer.class,
        Host.FEATURES,
        () ->
            new DenseLayer.Builder()
                .nOut(4)
                .hasLayerNorm(true)
                .activation(Activation.RELU)
                .build());
    place(
        ActivationLayer.class,
        Host.FEATURES,
        () -> new ActivationLayer.Builder().activation(Activation.TANH).build());
    place(
        ActivationLayer.class,
        Host.IMAGES,
        () -> new ActivationLayer.Builder().activation(Activation.RELU).build());
    place(DropoutLayer.class, Host.FEATURES, () -> new DropoutLayer.Builder(0.5).build());
    place(PReLULayer.class, Host.FEATURES, () -> new PReLULayer.Builder().inputShape(4).build());
    place(
        PReLULayer.class,
        Host.IMAGES,
        () -> new PReLULayer.Builder().inputShape(3, 8, 8).sharedAxes(2, 3).build());
    place(
        ElementWiseMultiplicationLayer.class,
        Host.FEATURES,
        () ->
            new ElementWiseMultiplicationLayer.Builder()
                .nIn(4)
                .nOut(4)
                .activation(Activation.IDENTITY)
                .build());
    place(BatchNormalization.class, Host.FEATURES, () -> new BatchNormalization.Builder().build());
    place(BatchNormalization.class, Host.IMAGES, () -> new BatchNormalization.Builder().build());
    place(AutoEncoder.class, Host.FEATURES, () -> new AutoEncoder.Builder().nOut(4).build());
    place(
        VariationalAutoencoder.class,
        Host.FEATURES,
        () ->
            new VariationalAutoencoder.Builder()
                .encoderLayerSizes(4)
                .decoderLayerSizes(4)
                .nOut(3)
                .build());
    place(
        FrozenLayer.class,
        Host.FEATURES,
        () -> new FrozenLayer(new DenseLayer.Builder().nOut(4).build()));
    place(
        FrozenLayerWithBackprop.class,
        Host.FEATURES,
        () -> new FrozenLayerWithBackprop(new DenseLayer.Builder().nOut(4).build()));
    place(MaskLayer.class, Host.FEATURES, MaskLayer::new);
    place(RepeatVector.class, Host.FEATURES, () -> new RepeatVector.Builder(3).build());
    place(
        OutputLayer.class,
        Host.FEATURES,
        () -> output(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)));
    place(
        CenterLossOutputLayer.class,
        Host.FEATURES,
        () -> output(new CenterLossOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)));
    place(
        LossLayer.class,
        Host.FEATURES,
        () ->
            new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .build());

    place(
        ConvolutionLayer.class,
        Host.IMAGES,
        () ->
            new ConvolutionLayer.Builder(3, 3)
                .nOut(4)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU)
                .build());
    place(Convolution2D.class, Host.IMAGES, () -> new Convolution2D.Builder(1, 1).nOut(4).build());
    place(
        DepthwiseConvolution2D.class,
        Host.IMAGES,
        () ->
            new DepthwiseConvolution2D.Builder(3, 3)
                .depthMultiplier(2)
                .nOut(6)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU)
                .build());
    place(
        SeparableConvolution2D.class,
        Host.IMAGES,
        () ->
            new SeparableConvolution2D.Builder(3, 3)
                .depthMultiplier(2)
                .nOut(4)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU)
                .build());
    place(
        Deconvolution2D.class,
        Host.IMAGES,
        () -> new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2).build());
    place(
        SubsamplingLayer.class,
        Host.IMAGES,
        () -> new SubsamplingLayer.Builder(2, 2).stride(2, 2).build());
    place(
        Pooling2D.class,
        Host.IMAGES,
        () -> new Pooling2D.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
    place(
        GlobalPoolingLayer.class,
        Host.IMAGES,
        () -> new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
    place(ZeroPaddingLayer.class, Host.IMAGES, () -> new ZeroPaddingLayer.Builder(1, 1).build());
    place(Cropping2D.class, Host.IMAGES, () -> new Cropping2D(1, 1));
    place(Upsampling2D.class, Host.IMAGES, () -> new Upsampling2D.Builder(2).build());
    place(
        LocalResponseNormalization.class,
        Host.IMAGES,
        () -> new LocalResponseNormalization.Builder().build());
    place(SpaceToDepthLayer.class, Host.IMAGES, () -> new SpaceToDepthLayer.Builder(2).build());
    place(
        SpaceToBatchLayer.class,
        Host.IMAGES,
        () -> new SpaceToBatchLayer.Builder(new int[] {2, 2}).build());
    place(
        LocallyConnected2D.class,
        Host.IMAGES,
        () -> new LocallyConnected2D.Builder().kernelSize(3, 3).nOut(2).build());
    place(
        PrimaryCapsules.class,
        Host.IMAGES,
        () -> new PrimaryCapsules.Builder(2, 2).kernelSize(3, 3).stride(2, 2).build());
    place(
        CnnLossLayer.class,
        Host.IMAGES,
        () -> new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).build());

    place(
        Convolution1DLayer.class,
        Host.SEQUENCES,
        () ->
            new Convolution1DLayer.Builder(3)
                .nOut(4)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU)
                .build());
    place(Convolution1D.class, Host.SEQUENCES, () -> new Convolution1D.Builder(3).nOut(4).build());
    place(
        Subsampling1DLayer.class,
        Host.SEQUENCES,
        () -> new Subsampling1DLayer.Builder(2).stride(2).build());
    place(
        Pooling1D.class,
        Host.SEQUENCES,
        () -> new Pooling1D.Builder(PoolingType.AVG).kernelSize(2).stride(1).build());
    place(
        GlobalPoolingLayer.class,
        Host.SEQUENCES,
        () -> new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
    place(Upsampling1D.class, Host.SEQUENCES, () -> new Upsampling1D.Builder(2).build());
    place(
        ZeroPadding1DLayer.class, Host.SEQUENCES, () -> new ZeroPadding1DLayer.Builder(1).build());
    place(Cropping1D.class, Host.SEQUENCES, () -> new Cropping1D.Builder(1).build());
    place(
        LocallyConnected1D.class,
        Host.SEQUENCES,
        () -> new LocallyConnected1D.Builder().kernelSize(3).nOut(2).build());
    place(LSTM.class, Host.SEQUENCES, () -> new LSTM.Builder().nOut(3).build());
    place(GravesLSTM.class, Host.SEQUENCES, () -> new GravesLSTM.Builder().nOut(3).build());
    place(
        GravesBidirectionalLSTM.class,
        Host.SEQUENCES,
        () -> new GravesBidirectionalLSTM.Builder().nOut(3).build());
    place(SimpleRnn.class, Host.SEQUENCES, () -> new SimpleRnn.Builder().nOut(3).build());
    place(
        Bidirectional.class,
        Host.SEQUENCES,
        () -> new Bidirectional(new LSTM.Builder().nOut(3).build()));
    place(
        LastTimeStep.class,
        Host.SEQUENCES,
        () -> new LastTimeStep(new LSTM.Builder().nOut(3).build()));
    place(
        TimeDistributed.class,
        Host.SEQUENCES,
        () -> new TimeDistributed(new DenseLayer.Builder().nOut(3).build()));
    place(
        MaskZeroLayer.class,
        Host.SEQUENCES,
        () -> new MaskZeroLayer(new LSTM.Builder().nOut(3).build(), 0.0));
    place(
        SelfAttentionLayer.class,
        Host.SEQUENCES,
        () -> new SelfAttentionLayer.Builder().nOut(4).nHeads(1).projectInput(true).build());
    place(
        RecurrentAttentionLayer.class,
        Host.SEQUENCES,
        () -> new RecurrentAttentionLayer.Builder().nOut(3).nHeads(1).projectInput(true).build());
    place(
        RnnOutputLayer.class,
        Host.SEQUENCES,
        () -> output(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)));
    place(
        RnnLossLayer.class,
        Host.SEQUENCES,
        () ->
            new RnnLossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .build());

    place(
        Convolution3D.class,
        Host.VOLUMES,
        () ->
            new Convolution3D.Builder(3, 3, 3)
                .nOut(2)
                .convolutionMode(ConvolutionMode.Same)
                .build());
    place(
        Deconvolution3D.class,
        Host.VOLUMES,
        () -> new Deconvolution3D.Builder().kernelSize(2, 2, 2).stride(2, 2, 2).nOut(2).build());
    place(
        Subsampling3DLayer.class,
        Host.VOLUMES,
        () -> new Subsampling3DLayer.Builder(2, 2, 2).stride(2, 2, 2).build());
    place(Upsampling3D.class, Host.VOLUMES, () -> new Upsampling3D.Builder(2).build());
    place(
        ZeroPadding3DLayer.class,
        Host.VOLUMES,
        () -> new ZeroPadding3DLayer.Builder(1, 1, 1).build());
    place(Cropping3D.class, Host.VOLUMES, () -> new Cropping3D.Builder(1, 1, 1).build());
    place(
        Cnn3DLossLayer.class,
        Host.VOLUMES,
        () ->
            new Cnn3DLossLayer.Builder(Convolution3D.DataFormat.NCDHW)
                .lossFunction(LossFunctions.LossFunction.MSE)
                .build());

    EXCLUDED.put(
        EmbeddingLayer.class,
        "reads class indices, so it can only be a network's first layer: no widened"
            + " unit reaches it, and nothing but indices can be fed to it");
    EXCLUDED.put(
        EmbeddingSequenceLayer.class, "reads sequences of class indices, like EmbeddingLayer");
    EXCLUDED.put(
        LearnedSelfAttentionLayer.class,
        "its forward pass fails in DL4J 1.0.0-M2.1 (scatter_update op"
            + " validation) in a network like the others here; it is a SameDiff layer, which the planners refuse by"
            + " class like SelfAttentionLayer and RecurrentAttentionLayer, which are placed");
    EXCLUDED.put(
        CapsuleLayer.class,
        "reads the capsules of a PrimaryCapsules layer, which is placed (and refused)");
    EXCLUDED.put(CapsuleStrengthLayer.class, "reads the output of a CapsuleLayer, see above");
    EXCLUDED.put(
        org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer.class,
        "an object detection output"
            + " that needs bounding-box priors and labels shaped for them; as a network output with no parameters it is"
            + " refused like LossLayer and CnnLossLayer, which are placed");
  }

  private static Layer output(BaseOutputLayer.Builder<?> builder) {
    return builder.nOut(3).activation(Activation.SOFTMAX).build();
  }

  @Test
  void everyConcreteLayerClassOfTheJarIsPlacedOrExcludedWithAReason() throws Exception {
    TreeSet<String> missing = new TreeSet<>();
    for (Class<?> type : concreteLayerClasses()) {
      if (!PLACED.containsKey(type) && !EXCLUDED.containsKey(type)) {
        missing.add(type.getName());
      }
    }
    assertThat(missing)
        .as("layer classes of deeplearning4j-nn neither placed nor excluded")
        .isEmpty();
  }

  @Test
  void widenThroughWidenItselfAndDeepenAfterEveryPlacedLayerPreserveOrRefuse() {
    List<String> defects = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    PLACED.forEach(
        (type, placements) -> {
          for (Placement placement : placements) {
            String label = type.getSimpleName() + " in " + placement.host();
            MultiLayerNetwork teacher;
            INDArray probes = probes(placement.host());
            try {
              teacher = host(placement);
              teacher.output(probes, false);
            } catch (RuntimeException e) {
              defects.add(label + ": the host network itself does not run: " + e);
              continue;
            }
            boolean isOutput = teacher.getnLayers() == 2;
            outcome(
                label + ": widen the layer before it",
                defects,
                outcomes,
                () ->
                    Preservation.measure(
                            teacher,
                            Net2WiderNet.widen(teacher, WidenRequest.of("p", 5)).student(),
                            probes)
                        .maxAbsDifference(),
                WIDEN_TOLERANCE);
            outcome(
                label + ": widen it",
                defects,
                outcomes,
                () ->
                    Preservation.measure(
                            teacher,
                            Net2WiderNet.widen(teacher, WidenRequest.of("x", 7)).student(),
                            probes)
                        .maxAbsDifference(),
                WIDEN_TOLERANCE);
            outcome(
                label + ": deepen after it",
                defects,
                outcomes,
                () ->
                    Preservation.measure(
                            teacher,
                            Net2DeeperNet.deepen(teacher, DeepenRequest.after("x"), probes)
                                .student(),
                            probes)
                        .maxAbsDifference(),
                DEEPEN_TOLERANCE);
            if (isOutput) {
              assertThat(outcomes.get(outcomes.size() - 1)).as(label).contains("refused");
            }
          }
        });
    System.out.println(String.join("\n", outcomes));
    assertThat(defects).isEmpty();
  }

  private interface Difference {
    double measure();
  }

  private static void outcome(
      String what,
      List<String> defects,
      List<String> outcomes,
      Difference difference,
      double tolerance) {
    try {
      double d = difference.measure();
      outcomes.add(what + ": preserved, " + d);
      if (!(d <= tolerance)) {
        defects.add(what + ": difference " + d + " above " + tolerance);
      }
    } catch (TransformException e) {
      outcomes.add(what + ": refused: " + e.getMessage());
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        defects.add(what + ": refused without a message");
      }
    } catch (RuntimeException | AssertionError e) {
      StringBuilder trace = new StringBuilder(what + ": " + e);
      for (StackTraceElement el : e.getStackTrace()) {
        if (el.getClassName().startsWith("dev.net2net")) {
          trace.append("\n    at ").append(el);
          break;
        }
      }
      defects.add(trace.toString());
    }
  }

  static MultiLayerNetwork host(Placement placement) {
    var list = new NeuralNetConfiguration.Builder().seed(11).list();
    Layer producer =
        switch (placement.host()) {
          case FEATURES -> new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build();
          case IMAGES ->
              new ConvolutionLayer.Builder(3, 3)
                  .nOut(3)
                  .convolutionMode(ConvolutionMode.Same)
                  .activation(Activation.RELU)
                  .build();
          case SEQUENCES ->
              new Convolution1DLayer.Builder(3)
                  .nOut(3)
                  .convolutionMode(ConvolutionMode.Same)
                  .activation(Activation.RELU)
                  .build();
          case VOLUMES ->
              new Convolution3D.Builder(3, 3, 3)
                  .nOut(3)
                  .convolutionMode(ConvolutionMode.Same)
                  .activation(Activation.RELU)
                  .build();
        };
    producer.setLayerName("p");
    Layer x = placement.layer().get();
    x.setLayerName("x");
    list.layer(producer).layer(x);
    if (placement.host() == Host.VOLUMES && !(x instanceof Cnn3DLossLayer)) {
      // DL4J's flatten of 5-D activations works only after a Convolution3D; pooling over the volume
      // avoids it.
      list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("pool").build());
    }
    if (!(x instanceof BaseOutputLayer
        || x instanceof LossLayer
        || x instanceof CnnLossLayer
        || x instanceof RnnLossLayer
        || x instanceof Cnn3DLossLayer)) {
      list.layer(
          new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
              .nOut(3)
              .activation(Activation.SOFTMAX)
              .name("out")
              .build());
    }
    list.setInputType(
        switch (placement.host()) {
          case FEATURES -> InputType.feedForward(6);
          case IMAGES -> InputType.convolutional(8, 8, 2);
          case SEQUENCES -> InputType.recurrent(2, 8);
          case VOLUMES -> InputType.convolutional3D(4, 4, 4, 2);
        });
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  static INDArray probes(Host host) {
    Nd4j.getRandom().setSeed(5);
    long[] shape =
        switch (host) {
          case FEATURES -> new long[] {8, 6};
          case IMAGES -> new long[] {8, 2, 8, 8};
          case SEQUENCES -> new long[] {8, 2, 8};
          case VOLUMES -> new long[] {8, 2, 4, 4, 4};
        };
    return Nd4j.randn(DataType.FLOAT, shape);
  }

  static List<Class<?>> concreteLayerClasses() throws Exception {
    File jar = new File(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (JarFile file = new JarFile(jar)) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (!name.startsWith("org/deeplearning4j/nn/conf/layers/")
            || !name.endsWith(".class")
            || name.contains("$")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                false,
                Layer.class.getClassLoader());
        if (Layer.class.isAssignableFrom(type)
            && !Modifier.isAbstract(type.getModifiers())
            && !type.isInterface()) {
          classes.add(type);
        }
      }
    }
    if (classes.size() < 50) {
      fail("found only " + classes.size() + " layer classes in " + jar);
    }
    return classes;
  }
}
