package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.TransformException;
import dev.net2net.continuation.Continuation;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.LayerRef;
import dev.net2net.model.ModelHandle;
import dev.net2net.model.Node;
import dev.net2net.model.Topology;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ten random transforms in a row on a generated graph (widen with and without zero-sum noise,
 * deepen with an identity layer, with batch normalization, or with a residual block, anywhere) keep
 * the original function within 1e-4. Each exact step adds its float32 rounding (up to about 1e-6 at
 * the outputs, see the single-step properties) and later steps widen and deepen the already
 * transformed graph, so ten steps stay within 1e-5 or so; 1e-4 leaves room for that and for nothing
 * else, as one wrong step moves outputs by 1e-2 or more.
 */
class GraphChainPropertiesTest {

  @Property(tries = 12)
  void tenTransformsInARowStayWithinTolerance(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    GraphSpec spec = GraphSpec.generate(seed);
    Random r = new Random(seed * 13 + 5);
    ComputationGraph original = spec.build();
    Teacher before = Teacher.snapshot(original);
    INDArray fashion = spec.input(Probes.fashion(r.nextInt(9_900), 32));
    ComputationGraph current = original;
    List<String> steps = new ArrayList<>();
    for (int attempt = 0; steps.size() < 10 && attempt < 100; attempt++) {
      Topology topology = ModelHandle.of(current).topology();
      try {
        int kind = r.nextInt(3);
        if (kind == 0) {
          List<String> layers =
              topology.layers().stream()
                  .filter(l -> LayerKinds.isWidenable(l.layer()) && !topology.isOutput(l.id()))
                  .map(Node::id)
                  .toList();
          String layer = layers.get(r.nextInt(layers.size()));
          Noise noise = r.nextBoolean() ? Noise.none() : Noise.zeroSum(0.05);
          current =
              Net2WiderNet.widen(
                      current,
                      new WidenRequest(
                          LayerRef.named(layer),
                          Width.factor(1.5),
                          noise,
                          r.nextLong(),
                          Continuation.unchanged()))
                  .student();
          steps.add("widen " + layer + " " + noise);
        } else {
          List<String> points =
              topology.order().stream()
                  .filter(
                      n ->
                          (n instanceof Node.LayerNode l && !(l.layer() instanceof BaseOutputLayer))
                              || n instanceof Node.Vertex)
                  .map(Node::id)
                  .toList();
          String after = points.get(r.nextInt(points.size()));
          BatchNormMode mode = r.nextBoolean() ? BatchNormMode.NONE : BatchNormMode.IDENTITY;
          DeepenRequest request = DeepenRequest.after(after).withBatchNorm(mode);
          request = kind == 2 ? request.withResidual() : request;
          current = Net2DeeperNet.deepenWithoutMeasuring(current, request, fashion).student();
          steps.add("deepen " + after + " " + mode + (kind == 2 ? " residual" : ""));
        }
        Statistics.label("step")
            .collect(steps.get(steps.size() - 1).split(" ")[0] + (kind == 2 ? " residual" : ""));
      } catch (TransformException refused) {
        // Not every vertex accepts every transform (a tanh layer cannot get an identity layer); try
        // another.
        Statistics.label("step").collect("refused");
      }
    }
    assertThat(steps).as("transforms applied to %s", spec).hasSize(10);
    assertThat(Preservation.measure(original, current, fashion).maxAbsDifference())
        .as("%s\nafter %s", spec, steps)
        .isLessThanOrEqualTo(1e-4);
    before.assertUnchanged(original);
  }
}
