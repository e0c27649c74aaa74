package dev.net2net.deepen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2DeeperNet on generated multilayer networks: every insertion either preserves the outputs
 * within 1e-6 or is refused for the reason an independent reading of the architecture predicts.
 *
 * <p>Tolerance: 1e-6. An identity dense or convolution layer multiplies by exact ones and adds
 * exact zeros, so it is exact in float32; an identity batch normalization computes sqrt(var+eps) *
 * (x - mean) / sqrt(var+eps) + mean, a few float32 roundings of values of order 1, which stay near
 * 1e-7 at the softmax outputs.
 */
class DeepenPropertiesTest {
  static final double TOLERANCE = 1e-6;
  private static final Set<String> IDEMPOTENT = Set.of("RELU", "IDENTITY", "RELU6", "HARDTANH");

  @Property(tries = 100)
  void deepenedDenseStacksPreserveOrAreRefusedForCause(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    check(NetSpec.generate(seed, false), seed);
    Statistics.coverage(c -> c.check("refused").percentage(p -> p < 70));
  }

  @Property(tries = 40)
  void deepenedConvolutionStacksPreserveOrAreRefusedForCause(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    check(NetSpec.generate(seed, true), seed);
    Statistics.coverage(c -> c.check("refused").percentage(p -> p < 70));
  }

  private void check(NetSpec spec, long seed) throws Exception {
    Random r = new Random(seed);
    MultiLayerNetwork teacher = spec.build();
    INDArray teacherParams = teacher.params().dup();
    int index = r.nextInt(spec.layers().size());
    String after = "layer" + index;
    BatchNormMode mode = BatchNormMode.values()[r.nextInt(3)];
    int kernel = new int[] {1, 3, 5}[r.nextInt(3)];
    DeepenRequest request = DeepenRequest.after(after).withBatchNorm(mode).withKernel(kernel);
    INDArray fashion = Probes.fashion(r.nextInt(9_900), 64);

    String refusal = expectedRefusal(spec.layers(), index, mode);
    Statistics.collect(refusal == null ? "preserved " + mode : "refused");
    if (refusal != null) {
      assertThatThrownBy(() -> Net2DeeperNet.deepen(teacher, request, fashion))
          .as("%s after %s with %s", spec, after, mode)
          .isInstanceOf(TransformException.class)
          .hasMessageContaining(refusal);
      return;
    }
    Transformed<MultiLayerNetwork> deeper = Net2DeeperNet.deepen(teacher, request, fashion);
    MultiLayerNetwork student = deeper.student();
    assertThat(deeper.report().preservation())
        .hasValueSatisfying(
            d ->
                assertThat(d.maxAbsDifference())
                    .as("%s after %s with %s on Fashion-MNIST", spec, after, mode)
                    .isLessThanOrEqualTo(TOLERANCE));
    if (mode == BatchNormMode.NONE) {
      // Statistics of the batch matter only to an inserted batch normalization; without one, any
      // input works.
      INDArray random = Probes.random(seed, 64, NetSpec.SIDE * NetSpec.SIDE);
      assertThat(Preservation.measure(teacher, student, random).maxAbsDifference())
          .as("%s after %s on random inputs", spec, after)
          .isLessThanOrEqualTo(TOLERANCE);
    }
    assertThat(teacher.params()).as("teacher parameters").isEqualTo(teacherParams);
    assertThat(student.getnLayers()).isGreaterThan(teacher.getnLayers());
    assertThat(student.getLayer(index + 1).conf().getLayer().getLayerName())
        .startsWith(after + "_deeper");

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ModelSerializer.writeModel(student, zip, true);
    MultiLayerNetwork restored =
        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()), true);
    assertThat(restored.output(fashion, false)).isEqualTo(student.output(fashion, false));
  }

  /** What the transform must refuse, read from the architecture independently of the planner. */
  static String expectedRefusal(List<String> layers, int index, BatchNormMode mode) {
    String activation = sourceActivation(layers, index);
    if (!IDEMPOTENT.contains(activation)) {
      return "not idempotent";
    }
    if (mode == BatchNormMode.NO_RESCALE) {
      if (index + 1 == layers.size()) {
        return null;
      }
      String[] next = layers.get(index + 1).split(":");
      boolean unpaddedConv =
          next[0].equals("conv") && (next[3].equals("truncate") || next[2].equals("1"));
      if (next[0].equals("dense") || unpaddedConv) {
        return null;
      }
      return next[0].equals("conv") ? "pads its input" : "to absorb the scale";
    }
    return null;
  }

  private static String sourceActivation(List<String> layers, int index) {
    String[] p = layers.get(index).split(":");
    return switch (p[0]) {
      case "dense" -> p[2];
      case "conv" -> p[4];
      case "act" -> p[1];
      case "bn" -> "IDENTITY";
      case "dropout", "pool" -> index == 0 ? "IDENTITY" : sourceActivation(layers, index - 1);
      default -> throw new IllegalArgumentException(layers.get(index));
    };
  }
}
