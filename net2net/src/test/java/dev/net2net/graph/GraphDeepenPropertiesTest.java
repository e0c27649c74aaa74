package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2DeeperNet on generated graphs: an identity layer (with or without batch normalization) or a
 * residual block after any vertex either preserves the outputs within 1e-6 or is refused for the
 * reason the generator's own account of the graph predicts.
 *
 * <p>Tolerance 1e-6. An identity dense or convolution layer multiplies by exact ones and adds exact
 * zeros; a residual block adds the exact zero its zero layer outputs; so both are exact in float32.
 * An identity batch normalization computes sqrt(var+eps) * (x - mean) / sqrt(var+eps) + mean, and
 * the no-rescale variant folds the same scale into the next layer: a few float32 roundings of
 * values of order 1, about 1e-7 at the softmax outputs. A misplaced kernel centre, a normalization
 * over the wrong axis (NHWC) or a rewired consumer missed would move outputs by far more.
 */
class GraphDeepenPropertiesTest {
  static final double TOLERANCE = 1e-6;

  @Property(tries = 60)
  void deepeningAfterAnyVertexPreservesOrIsRefusedForCause(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) throws Exception {
    GraphSpec spec = GraphSpec.generate(seed);
    Random r = new Random(seed * 17 + 3);
    ComputationGraph teacher = spec.build();
    Teacher before = Teacher.snapshot(teacher);
    List<String> points = spec.insertionPoints();
    String after = points.get(r.nextInt(points.size()));
    boolean residual = r.nextInt(3) == 0;
    BatchNormMode mode = BatchNormMode.values()[r.nextInt(3)];
    int kernel = new int[] {1, 3, 5}[r.nextInt(3)];
    DeepenRequest request = DeepenRequest.after(after).withBatchNorm(mode).withKernel(kernel);
    if (residual) {
      request = request.withResidual();
    }
    INDArray fashion = spec.input(Probes.fashion(r.nextInt(9_900), 32));
    String refusal = expectedRefusal(spec, after, mode, residual);
    Statistics.collect(
        refusal == null ? (residual ? "residual " : "identity ") + mode : "refused: " + refusal);
    Statistics.label("outcome")
        .collect(refusal == null ? (residual ? "residual block" : "identity layer") : "refused");
    // Both kinds of insertion must actually be exercised, not only refusals.
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("identity layer").percentage(p -> p >= 15);
              c.check("residual block").percentage(p -> p > 0);
            });

    if (refusal != null) {
      DeepenRequest refused = request;
      var thrown =
          assertThatThrownBy(() -> Net2DeeperNet.deepen(teacher, refused, fashion))
              .as("%s\nafter %s, %s, residual %s", spec, after, mode, residual)
              .isInstanceOf(TransformException.class)
              .hasMessageContaining(refusal)
              .hasMessageContaining(after);
      if (refusal.equals("not idempotent")) {
        thrown.hasMessageContaining("withResidual()");
      }
      before.assertUnchanged(teacher);
      return;
    }
    Transformed<ComputationGraph> deeper = Net2DeeperNet.deepen(teacher, request, fashion);
    ComputationGraph student = deeper.student();
    assertThat(deeper.report().preservation())
        .hasValueSatisfying(
            d ->
                assertThat(d.maxAbsDifference())
                    .as(
                        "%s\nafter %s, %s, residual %s, on Fashion-MNIST",
                        spec, after, mode, residual)
                    .isLessThanOrEqualTo(TOLERANCE));
    if (residual || mode == BatchNormMode.NONE) {
      // Only an inserted identity batch normalization depends on the batch's statistics.
      INDArray random = spec.input(Probes.random(seed, 32, GraphSpec.SIDE * GraphSpec.SIDE));
      assertThat(Preservation.measure(teacher, student, random).maxAbsDifference())
          .as("%s\nafter %s, %s, residual %s, on random inputs", spec, after, mode, residual)
          .isLessThanOrEqualTo(TOLERANCE);
    }
    before.assertUnchanged(teacher);
    assertWiring(
        spec,
        after,
        residual,
        deeper.report().settings().get("inserted"),
        student.getConfiguration());
    Teacher.assertRoundTrip(student, fashion);
  }

  /**
   * The new layers read {@code after}; every former reader of {@code after} reads what was
   * inserted.
   */
  private static void assertWiring(
      GraphSpec spec,
      String after,
      boolean residual,
      String insertedNames,
      ComputationGraphConfiguration conf) {
    List<String> inserted = List.of(insertedNames.split(","));
    assertThat(conf.getVertexInputs().get(inserted.get(0))).containsExactly(after);
    String replacement = inserted.get(inserted.size() - 1);
    if (residual) {
      String sum = replacement.replaceAll("_zero$", "_add");
      assertThat(conf.getVertices().get(sum))
          .isEqualTo(new ElementWiseVertex(ElementWiseVertex.Op.Add));
      assertThat(conf.getVertexInputs().get(sum)).containsExactly(after, replacement);
      replacement = sum;
    }
    for (String reader : spec.consumers(after)) {
      assertThat(conf.getVertexInputs().get(reader))
          .as("%s reads", reader)
          .contains(replacement)
          .doesNotContain(after);
    }
  }

  /**
   * What the transform must refuse, read from the generator's account of the graph, not the
   * planner's.
   */
  static String expectedRefusal(
      GraphSpec spec, String after, BatchNormMode mode, boolean residual) {
    if (residual) {
      return mode == BatchNormMode.NO_RESCALE ? "without rescale" : null;
    }
    GraphSpec.NodeInfo node = spec.node(after);
    if (!GraphSpec.IDEMPOTENT.contains(node.range())) {
      return "not idempotent";
    }
    if (mode != BatchNormMode.NO_RESCALE) {
      return null;
    }
    List<String> readers = spec.consumers(after);
    if (readers.size() != 1) {
      return "exactly one layer";
    }
    GraphSpec.NodeInfo reader = spec.node(readers.get(0));
    if (reader.kind().equals("conv")) {
      return reader.kernel() == 1 ? null : "pads its input";
    }
    return reader.isWeighted() ? null : "to absorb the scale";
  }
}
