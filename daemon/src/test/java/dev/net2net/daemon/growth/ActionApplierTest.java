package dev.net2net.daemon.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.TransformException;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.LearningRates;
import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.zoo.MiniInception;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every policy action on real networks: the right layers change and the function is kept. */
class ActionApplierTest {
  private final INDArray probes = Probes.fashion(0, 200);
  private final ActionApplier applier =
      new ActionApplier(Continuation.reducedRate(), 3, probes, Probes.fashion(200, 200));

  private static MultiLayerNetwork mlp() {
    return Nets.chain(
        Nets.flat(),
        new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(),
        new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build());
  }

  private static void preserved(List<Candidate> candidates, double tolerance) {
    assertThat(candidates)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.preservationError()).isLessThanOrEqualTo(tolerance));
  }

  @Test
  void widenAllHiddenWidensEveryHiddenLayerOnce() {
    List<Candidate> c =
        applier.apply(
            new Action.Widen(
                new LayerSelection.AllHidden(),
                new WidthChange.ByFactor(2),
                0.01,
                OptionalLong.empty()),
            mlp());
    preserved(c, 1e-5);
    MultiLayerNetwork student = (MultiLayerNetwork) c.get(0).student();
    assertThat(((DenseLayer) student.getLayer(0).conf().getLayer()).getNOut()).isEqualTo(24);
    assertThat(((DenseLayer) student.getLayer(1).conf().getLayer()).getNOut()).isEqualTo(16);
  }

  @Test
  void widenOfSeveralLayersScalesTheLearningRateOnce() {
    MultiLayerNetwork teacher = mlp();
    double before = LearningRates.rate(teacher.getLayer(0).conf().getLayer(), 0, 0).orElseThrow();
    List<Candidate> c =
        applier.apply(
            new Action.Widen(
                new LayerSelection.AllHidden(),
                new WidthChange.ByFactor(2),
                0,
                OptionalLong.empty()),
            teacher);
    MultiLayerNetwork student = (MultiLayerNetwork) c.get(0).student();
    // reducedRate() is 0.1x; a per-layer application would give 0.01x after two widened layers
    for (int i = 0; i < student.getnLayers(); i++) {
      assertThat(LearningRates.rate(student.getLayer(i).conf().getLayer(), 0, 0).orElseThrow())
          .isCloseTo(0.1 * before, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void widenToAWidthSkipsLayersThatAreWideEnough() {
    List<Candidate> c =
        applier.apply(
            new Action.Widen(
                new LayerSelection.AllHidden(),
                new WidthChange.ToWidth(10),
                0,
                OptionalLong.empty()),
            mlp());
    MultiLayerNetwork student = (MultiLayerNetwork) c.get(0).student();
    assertThat(((DenseLayer) student.getLayer(0).conf().getLayer()).getNOut()).isEqualTo(12);
    assertThat(((DenseLayer) student.getLayer(1).conf().getLayer()).getNOut()).isEqualTo(10);
    assertThatThrownBy(
            () ->
                applier.apply(
                    new Action.Widen(
                        new LayerSelection.AllHidden(),
                        new WidthChange.ToWidth(4),
                        0,
                        OptionalLong.empty()),
                    mlp()))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("nothing to widen");
  }

  @Test
  void deepenAfterTheLastHiddenLayerNamesTheNewLayerAfterItsStem() {
    Model once =
        applier
            .apply(
                new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.empty(), false), mlp())
            .get(0)
            .student();
    List<Candidate> twice =
        applier.apply(
            new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.empty(), true), once);
    preserved(twice, 1e-6);
    MultiLayerNetwork student = (MultiLayerNetwork) twice.get(0).student();
    assertThat(student.getLayer(2).conf().getLayer().getLayerName()).isEqualTo("layer1_deeper");
    assertThat(student.getLayer(3).conf().getLayer().getLayerName()).isEqualTo("layer1_deeper2");
  }

  @Test
  void tryBothGivesTwoCandidates() {
    List<Candidate> c =
        applier.apply(
            Action.Tournament.ofTwo(
                new Action.Deepen(new PolicyLayer.ByName("layer0"), OptionalInt.empty(), false),
                new Action.Widen(
                    new LayerSelection.Listed(List.of(new PolicyLayer.ByIndex(1))),
                    new WidthChange.ByFactor(1.5),
                    0,
                    OptionalLong.empty())),
            mlp());
    assertThat(c).extracting(Candidate::label).containsExactly("deepen", "widen");
    preserved(c, 1e-5);
  }

  @Test
  void towerActionsGrowAnInceptionGraph() {
    Model inception = MiniInception.standard().widthMultiplier(0.25).modules(1).build();
    List<Candidate> wider =
        applier.apply(new Action.WidenTowers(new MergeSelection.AllMerges(), 1.85, 0), inception);
    preserved(wider, 1e-5);
    assertThat(wider.get(0).report().parametersAfter())
        .isGreaterThan(wider.get(0).report().parametersBefore());
    List<Candidate> deeper =
        applier.apply(
            new Action.DeepenTowers(new MergeSelection.Named(List.of("m1")), 1, 3, true),
            inception);
    preserved(deeper, 1e-5);
    assertThat(deeper.get(0).label()).isEqualTo("deepen-towers");
  }
}
