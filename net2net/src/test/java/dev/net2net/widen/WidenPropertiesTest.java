package dev.net2net.widen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.model.LayerRef;
import dev.net2net.report.OutputDifference;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2WiderNet on generated multilayer networks.
 *
 * <p>Tolerance: 1e-5 on softmax outputs in [0, 1]. The student computes the same sums as the
 * teacher except that c copies of a unit each contribute w/c instead of one contributing w; in
 * float32 that changes a pre-activation by a few ulps (about 1e-7 relative), far below 1e-5 after
 * the softmax, while any real mistake (a wrong row, a missing division, a misplaced flatten block)
 * moves outputs by 1e-2 or more.
 */
class WidenPropertiesTest {
  static final double TOLERANCE = 1e-5;

  @Property(tries = 60)
  void widenedDenseStacksComputeWhatTheTeacherComputed(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    check(NetSpec.generate(seed, false), seed);
  }

  @Property(tries = 30)
  void widenedConvolutionStacksComputeWhatTheTeacherComputed(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    check(NetSpec.generate(seed, true), seed);
  }

  private void check(NetSpec spec, long seed) throws Exception {
    Random r = new Random(seed);
    MultiLayerNetwork teacher = spec.build();
    INDArray teacherParams = teacher.params().dup();
    var names = spec.widenable();
    String layer = names.get(r.nextInt(names.size()));
    int index = Integer.parseInt(layer.substring("layer".length()));
    int width = (int) ((FeedForwardLayer) teacher.getLayer(index).conf().getLayer()).getNOut();
    int newWidth = width + 1 + r.nextInt(width + 3);
    LayerRef ref = r.nextBoolean() ? LayerRef.named(layer) : LayerRef.indexed(index);
    WidenRequest request = WidenRequest.of(ref, Width.units(newWidth)).withSeed(r.nextLong());

    INDArray fashion = Probes.fashion(r.nextInt(9_900), 64);
    INDArray random = Probes.random(seed, 64, NetSpec.SIDE * NetSpec.SIDE);
    Transformed<MultiLayerNetwork> wider = Net2WiderNet.widen(teacher, request, fashion);
    MultiLayerNetwork student = wider.student();

    assertThat(wider.report().preservation())
        .hasValueSatisfying(
            d ->
                assertThat(d.maxAbsDifference())
                    .as("%s widening %s %d->%d on Fashion-MNIST", spec, layer, width, newWidth)
                    .isLessThanOrEqualTo(TOLERANCE));
    OutputDifference onRandom = Preservation.measure(teacher, student, random);
    assertThat(onRandom.maxAbsDifference())
        .as("%s on random inputs", spec)
        .isLessThanOrEqualTo(TOLERANCE);

    assertThat(teacher.params()).as("teacher parameters").isEqualTo(teacherParams);
    assertThat(((FeedForwardLayer) student.getLayer(index).conf().getLayer()).getNOut())
        .isEqualTo(newWidth);
    assertThat(wider.report().parametersAfter())
        .isEqualTo(student.numParams())
        .isGreaterThan(teacher.numParams());
    assertThat(wider.report().changes())
        .anySatisfy(
            c -> {
              assertThat(c.layer()).isEqualTo(layer);
              assertThat(c.role()).contains("widened");
            });

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ModelSerializer.writeModel(student, zip, true);
    MultiLayerNetwork restored =
        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()), true);
    assertThat(restored.output(fashion, false))
        .as("save/load round trip")
        .isEqualTo(student.output(fashion, false));
  }
}
