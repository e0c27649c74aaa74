package dev.net2net.towers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.Transformed;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.LearningRates;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.graph.GraphSpec;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.zoo.MiniInception;
import dev.net2net.zoo.SmallResNet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The whole-model operations: towers are found from the structure of any graph (checked against
 * what the graph generator built), every tower is widened or deepened in one call, and the result
 * computes what the teacher computed (1e-5 for widening and 1e-6 for deepening, as for single
 * steps: every step is exact up to float32 rounding, and these graphs are shallow enough that a
 * dozen steps' rounding stays below the single-step bounds; see the single-step property tests).
 */
class TowersTest {
  private static final INDArray IMAGES =
      Probes.fashion(0, 24).reshape('c', new long[] {24, 1, 28, 28});

  private static ComputationGraph inception(double multiplier) {
    ComputationGraph g = MiniInception.standard().widthMultiplier(multiplier).build();
    NetSpec.randomiseBatchNorm(g, new Random(5));
    return g;
  }

  @Example
  void theMiniInceptionsTowersAreItsFourBranchesPerModule() {
    List<InceptionModule> modules = Towers.find(inception(0.5));
    assertThat(modules).extracting(InceptionModule::merge).containsExactly("m1", "m2");
    InceptionModule m1 = modules.get(0);
    assertThat(m1.towers())
        .extracting(Tower::layers)
        .containsExactly(
            List.of("m1_t1_conv1"),
            List.of("m1_t3_conv1", "m1_t3_conv2"),
            List.of("m1_td_conv1", "m1_td_conv2", "m1_td_conv3"),
            List.of("m1_tp_conv1"));
    assertThat(m1.towers().get(3).nodes())
        .containsExactly("m1_tp_pool", "m1_tp_conv1", "m1_tp_bn1", "m1_tp_relu1");
    assertThat(m1.towers())
        .allSatisfy(t -> assertThat(t.nodes()).doesNotContain("stem_pool", "stem_relu"));
    assertThat(modules.get(1).towers())
        .allSatisfy(t -> assertThat(t.nodes()).doesNotContain("m1_pool", "m1"));
  }

  /**
   * The paper's setup in miniature: a teacher with 0.54 of the channels per tower, widened by
   * 1/0.54.
   */
  @Example
  void widenEveryTowerOfTheMiniInceptionByTheInverseOfThePapersRatio() {
    ComputationGraph teacher = inception(0.54);
    INDArray before = teacher.params().dup();
    double factor = 1 / 0.54;
    Transformed<ComputationGraph> wider =
        Towers.widen(teacher, WidenTowersRequest.byFactor(factor).withSeed(3), IMAGES);
    System.out.println(wider.report().render());
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
    assertThat(teacher.params()).isEqualTo(before);
    for (InceptionModule module : Towers.find(teacher)) {
      for (Tower tower : module.towers()) {
        for (String layer : tower.layers()) {
          assertThat(nOut(wider.student(), layer))
              .as(layer)
              .isEqualTo(Math.round(nOut(teacher, layer) * factor));
        }
      }
    }
    assertThat(nOut(wider.student(), "stem_conv")).isEqualTo(nOut(teacher, "stem_conv"));
    assertThat(wider.report().kind()).isEqualTo("widen-towers");
    assertThat(wider.report().settings())
        .containsEntry("layers-widened", "14")
        .containsEntry("modules", "m1,m2");
  }

  @Example
  void deepenEveryTowerWithIdentityConvolutionsAndBatchNormalization() {
    ComputationGraph teacher = inception(0.5).clone();
    Transformed<ComputationGraph> deeper =
        Towers.deepen(
            teacher,
            DeepenTowersRequest.of(2)
                .withBatchNorm(BatchNormMode.IDENTITY)
                .withModules(List.of("m2"))
                .withContinuation(Continuation.reducedRate()),
            IMAGES);
    System.out.println(deeper.report().render());
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-6);
    assertThat(deeper.report().settings())
        .containsEntry("towers-deepened", "4")
        .containsEntry("steps", "8");
    // Each m2 tower now ends in two identity convolutions (each with its batch normalization and
    // ReLU).
    List<Tower> towers = Towers.find(deeper.student()).get(1).towers();
    assertThat(towers)
        .allSatisfy(
            t ->
                assertThat(t.nodes().stream().filter(n -> n.matches(".*_deeper2?")).count())
                    .isEqualTo(2));
    // The learning rate is scaled once, not once per step.
    double teacherRate =
        LearningRates.rate(teacher.getLayer("stem_conv").conf().getLayer(), 0, 0).orElseThrow();
    double studentRate =
        LearningRates.rate(deeper.student().getLayer("stem_conv").conf().getLayer(), 0, 0)
            .orElseThrow();
    assertThat(studentRate)
        .isCloseTo(teacherRate * 0.1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Example
  void graphsWithoutConcatenationAndChainsAreRefused() {
    assertThatThrownBy(
            () -> Towers.widen(new SmallResNet(4, 1, 1).build(), WidenTowersRequest.byFactor(2)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("no concatenation (MergeVertex)");
    assertThatThrownBy(
            () ->
                Towers.deepen(
                    Nets.chain(
                        Nets.flat(),
                        new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build()),
                    DeepenTowersRequest.of(1)))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("MultiLayerNetwork");
    assertThatThrownBy(
            () ->
                Towers.widen(
                    inception(0.5), WidenTowersRequest.byFactor(2).withModules(List.of("m9"))))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("'m9'")
        .hasMessageContaining("[m1, m2]");
    assertThatThrownBy(() -> DeepenTowersRequest.of(1).withBatchNorm(BatchNormMode.NO_RESCALE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("concatenation");
  }

  /** Towers found from structure alone are exactly what the generator built as towers. */
  @Property(tries = 30)
  void towersAreWhatTheGeneratorBuilt(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    GraphSpec spec = GraphSpec.generate(seed);
    Statistics.collect(spec.towers().isEmpty() ? "no concatenation" : "concatenations");
    if (spec.towers().isEmpty()) {
      assertThatThrownBy(() -> Towers.find(spec.build())).hasMessageContaining("no concatenation");
      return;
    }
    List<InceptionModule> found = Towers.find(spec.build());
    assertThat(found)
        .extracting(InceptionModule::merge)
        .containsExactlyElementsOf(spec.towers().keySet());
    for (InceptionModule module : found) {
      List<List<String>> built = spec.towers().get(module.merge());
      assertThat(module.towers())
          .extracting(Tower::nodes)
          .as("%s\n%s", spec, module.merge())
          .containsExactlyElementsOf(built);
    }
  }

  /** A generated graph with at least one concatenation: the first at or after {@code seed}. */
  private static GraphSpec withConcatenation(long seed) {
    for (long s = seed; ; s++) {
      GraphSpec spec = GraphSpec.generate(s);
      if (!spec.towers().isEmpty()) {
        return spec;
      }
    }
  }

  @Property(tries = 12)
  void wideningEveryTowerOfAGeneratedGraphPreservesItsOutputs(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    GraphSpec spec = withConcatenation(seed);
    Random r = new Random(seed);
    double factor = new double[] {1.5, 1 / 0.54, 2.0}[r.nextInt(3)];
    ComputationGraph teacher = spec.build();
    INDArray probe = spec.input(Probes.fashion(r.nextInt(9_900), 32));
    boolean noLayers =
        spec.towers().values().stream()
            .flatMap(List::stream)
            .flatMap(List::stream)
            .map(n -> spec.node(n).kind())
            .noneMatch(k -> k.equals("conv") || k.equals("dense"));
    if (noLayers) {
      Statistics.collect("refused: towers of pooling only");
      assertThatThrownBy(() -> Towers.widen(teacher, WidenTowersRequest.byFactor(factor)))
          .isInstanceOf(TransformException.class)
          .hasMessageContaining("hold no dense or convolution layer");
      return;
    }
    Transformed<ComputationGraph> wider =
        Towers.widen(teacher, WidenTowersRequest.byFactor(factor).withSeed(r.nextLong()), probe);
    Statistics.collect("widened");
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .as("%s\n%s", spec, wider.report().settings())
        .isLessThanOrEqualTo(1e-5);
    for (Map.Entry<String, List<List<String>>> module : spec.towers().entrySet()) {
      for (List<String> tower : module.getValue()) {
        for (String node : tower) {
          String kind = spec.node(node).kind();
          if (kind.equals("conv") || kind.equals("dense")) {
            assertThat(nOut(wider.student(), node))
                .as("%s\n%s", spec, node)
                .isEqualTo(Math.max(nOut(teacher, node), Math.round(nOut(teacher, node) * factor)));
          }
        }
      }
    }
  }

  @Property(tries = 12)
  void deepeningEveryTowerOfAGeneratedGraphPreservesOrIsRefusedForCause(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    GraphSpec spec = withConcatenation(seed);
    Random r = new Random(seed);
    DeepenTowersRequest request =
        DeepenTowersRequest.of(1 + r.nextInt(2))
            .withBatchNorm(r.nextBoolean() ? BatchNormMode.NONE : BatchNormMode.IDENTITY)
            .withKernel(r.nextBoolean() ? 1 : 3);
    if (r.nextBoolean()) {
      request = request.withResidual();
    }
    ComputationGraph teacher = spec.build();
    INDArray probe = spec.input(Probes.fashion(r.nextInt(9_900), 32));
    // A tower ending in a non-idempotent activation cannot take an identity layer; a residual block
    // fits anywhere.
    boolean refused =
        request.block() != dev.net2net.deepen.InsertedBlock.RESIDUAL
            && spec.towers().values().stream()
                .flatMap(List::stream)
                .filter(t -> !t.isEmpty())
                .anyMatch(t -> !isIdempotent(spec.node(t.get(t.size() - 1)).range()));
    if (refused) {
      Statistics.collect("refused: a tower ends in a non-idempotent activation");
      DeepenTowersRequest doomed = request;
      assertThatThrownBy(() -> Towers.deepen(teacher, doomed, probe))
          .as("%s", spec)
          .isInstanceOf(TransformException.class)
          .hasMessageContaining("not idempotent");
      return;
    }
    Statistics.collect(request.block() + " " + request.batchNorm());
    long towers =
        spec.towers().values().stream().flatMap(List::stream).filter(t -> !t.isEmpty()).count();
    Transformed<ComputationGraph> deeper = Towers.deepen(teacher, request, probe);
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference())
        .as("%s\n%s", spec, deeper.report().settings())
        .isLessThanOrEqualTo(1e-6);
    assertThat(deeper.report().settings())
        .containsEntry("towers-deepened", String.valueOf(towers))
        .containsEntry("steps", String.valueOf(towers * request.layers()));
  }

  private static boolean isIdempotent(String activation) {
    return List.of("RELU", "IDENTITY", "RELU6", "HARDTANH").contains(activation);
  }

  private static long nOut(ComputationGraph graph, String layer) {
    return ((FeedForwardLayer) graph.getLayer(layer).conf().getLayer()).getNOut();
  }
}
