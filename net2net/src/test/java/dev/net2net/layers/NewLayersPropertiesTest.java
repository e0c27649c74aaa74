package dev.net2net.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2WiderNet and Net2DeeperNet on generated MobileNet-style image models (depthwise and separable
 * convolutions with random depth multipliers and kernels, PReLU, NCHW and NHWC), 1D convolution
 * sequence models (NCW and NWC) and tabular MLPs with PReLU, on random inputs, at the tolerances of
 * docs/transforms.md: widen 1e-5 (replicas contribute w/c each, a few float32 ulps), deepen 1e-6
 * (exact ones and zeros).
 */
class NewLayersPropertiesTest {
  static final double WIDEN_TOLERANCE = 1e-5;
  static final double DEEPEN_TOLERANCE = 1e-6;
  private static final Set<Activation> IDEMPOTENT =
      Set.of(Activation.RELU, Activation.IDENTITY, Activation.RELU6, Activation.HARDTANH);

  @Property(tries = 40)
  void wideningAnyWidenableLayerPreservesTheOutputs(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed, @ForAll ModelSpec.Kind kind)
      throws Exception {
    ModelSpec spec = ModelSpec.generate(seed, kind);
    Random r = new Random(seed);
    MultiLayerNetwork teacher = spec.build();
    INDArray teacherParams = teacher.params().dup();
    List<String> names = spec.widenable();
    String layer = names.get(r.nextInt(names.size()));
    int index = Integer.parseInt(layer.substring("layer".length()));
    int width = (int) ((FeedForwardLayer) teacher.getLayer(index).conf().getLayer()).getNOut();
    int newWidth = width + 1 + r.nextInt(width + 2);
    INDArray x = spec.inputs(seed, 16);
    Statistics.collect(
        kind,
        spec.layers().get(index).kind(),
        spec.channelsLast() ? "channels last" : "channels first");

    MultiLayerNetwork student =
        Net2WiderNet.widen(teacher, WidenRequest.of(layer, newWidth).withSeed(r.nextLong()))
            .student();

    assertThat(Preservation.measure(teacher, student, x).maxAbsDifference())
        .as("%s widening %s %d->%d", spec, layer, width, newWidth)
        .isLessThanOrEqualTo(WIDEN_TOLERANCE);
    assertThat(teacher.params()).as("teacher parameters").isEqualTo(teacherParams);
    assertThat(((FeedForwardLayer) student.getLayer(index).conf().getLayer()).getNOut())
        .isEqualTo(newWidth);
    assertRoundTrip(student, x);
  }

  @Property(tries = 40)
  void deepeningAfterAnyLayerPreservesOrIsRefusedForCause(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed, @ForAll ModelSpec.Kind kind)
      throws Exception {
    ModelSpec spec = ModelSpec.generate(seed, kind);
    Random r = new Random(seed);
    MultiLayerNetwork teacher = spec.build();
    int index = r.nextInt(spec.layers().size());
    String after = "layer" + index;
    int kernel = new int[] {1, 3, 5}[r.nextInt(3)];
    DeepenRequest request = DeepenRequest.after(after).withKernel(kernel);
    INDArray x = spec.inputs(seed, 16);
    Activation source = spec.layers().get(index).source();
    boolean refused = !IDEMPOTENT.contains(source);
    Statistics.collect(kind, spec.layers().get(index).kind(), refused ? "refused" : "preserved");

    if (refused) {
      assertThatThrownBy(() -> Net2DeeperNet.deepen(teacher, request, x))
          .as("%s after %s", spec, after)
          .isInstanceOf(TransformException.class)
          .hasMessageContaining("not idempotent");
      return;
    }
    MultiLayerNetwork student = Net2DeeperNet.deepen(teacher, request, x).student();
    assertThat(Preservation.measure(teacher, student, x).maxAbsDifference())
        .as("%s after %s", spec, after)
        .isLessThanOrEqualTo(DEEPEN_TOLERANCE);
    assertThat(student.getnLayers()).isEqualTo(teacher.getnLayers() + 1);
    assertRoundTrip(student, x);
  }

  private static void assertRoundTrip(MultiLayerNetwork student, INDArray x) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ModelSerializer.writeModel(student, zip, true);
    MultiLayerNetwork restored =
        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()), true);
    assertThat(restored.output(x, false))
        .as("save/load round trip")
        .isEqualTo(student.output(x, false));
  }
}
