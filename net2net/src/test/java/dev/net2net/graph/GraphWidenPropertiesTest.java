package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.model.LayerRef;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2WiderNet on generated graphs ({@link GraphSpec}): Inception modules, residual sums of every
 * kind, batch normalization inside towers, several consumers of one tensor, flattens and global
 * pooling, NCHW and NHWC.
 *
 * <p>Tolerance 1e-5 on softmax outputs in [0, 1]. The student computes the teacher's sums except
 * that c copies of a unit each contribute w/c instead of one contributing w: in float32 that moves
 * a pre-activation by a few ulps (about 1e-7 relative), which stays far below 1e-5 after the
 * softmax even through a few batch normalizations, while a real mistake (a unit at the wrong offset
 * of a concatenation, a term of a sum replicated differently, a missing division) moves outputs by
 * 1e-2 or more.
 */
class GraphWidenPropertiesTest {
  static final double TOLERANCE = 1e-5;

  @Property(tries = 50)
  void wideningAnyLayerOfAGeneratedGraphPreservesItsOutputs(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    GraphSpec spec = GraphSpec.generate(seed);
    Random r = new Random(seed * 31 + 7);
    ComputationGraph teacher = spec.build();
    Teacher before = Teacher.snapshot(teacher);
    List<String> candidates = spec.widenable();
    String layer = candidates.get(r.nextInt(candidates.size()));
    int width = (int) ((FeedForwardLayer) teacher.getLayer(layer).conf().getLayer()).getNOut();
    int newWidth = width + 1 + r.nextInt(width + 3);
    Noise noise = r.nextInt(3) == 0 ? Noise.zeroSum(0.05) : Noise.none();
    WidenRequest request =
        WidenRequest.of(LayerRef.named(layer), Width.units(newWidth))
            .withSeed(r.nextLong())
            .withNoise(noise);
    INDArray fashion = spec.input(Probes.fashion(r.nextInt(9_900), 32));
    INDArray random = spec.input(Probes.random(seed, 32, GraphSpec.SIDE * GraphSpec.SIDE));

    Optional<String> mergeRoot = spec.mergeRoot(layer);
    Transformed<ComputationGraph> wider;
    try {
      wider = Net2WiderNet.widen(teacher, request, fashion);
    } catch (TransformException refused) {
      if (mergeRoot.isEmpty()) {
        fail(
            "%s: widening %s %d->%d was refused: %s",
            spec, layer, width, newWidth, refused.getMessage());
      }
      // A residual stream joined by a concatenation: preserved only if the mapping keeps the
      // merge's inputs apart.
      assertThat(refused.getMessage())
          .as("%s widening %s", spec, layer)
          .contains("cannot widen '" + layer + "'");
      Statistics.collect("refused (stream of merge)");
      before.assertUnchanged(teacher);
      return;
    }
    ComputationGraph student = wider.student();
    Statistics.collect(mergeRoot.isPresent() ? "preserved (stream of merge)" : "preserved");
    // Most draws must be real widenings, not refusals.
    Statistics.coverage(c -> c.check("preserved").percentage(p -> p >= 50));
    Statistics.label("layout").collect(spec.format());

    assertThat(wider.report().preservation())
        .hasValueSatisfying(
            d ->
                assertThat(d.maxAbsDifference())
                    .as("%s\nwidening %s %d->%d on Fashion-MNIST", spec, layer, width, newWidth)
                    .isLessThanOrEqualTo(TOLERANCE));
    assertThat(Preservation.measure(teacher, student, random).maxAbsDifference())
        .as("%s\nwidening %s %d->%d on random inputs", spec, layer, width, newWidth)
        .isLessThanOrEqualTo(TOLERANCE);
    before.assertUnchanged(teacher);
    assertThat(((FeedForwardLayer) student.getLayer(layer).conf().getLayer()).getNOut())
        .isEqualTo(newWidth);
    assertThat(wider.report().parametersAfter())
        .isEqualTo(student.numParams())
        .isGreaterThan(teacher.numParams());
    Teacher.assertRoundTrip(student, fashion);
  }
}
