package dev.net2net.daemon.growth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.ContinuationPlan;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.MergeSelection;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.TrainingPlan;
import dev.net2net.policies.model.WidthChange;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A job's spec survives the queue unchanged, whatever the action. */
class GrowthSpecTest {
  @Test
  void everyActionRoundTripsThroughJson() {
    List<Action> actions =
        List.of(
            new Action.Widen(
                new LayerSelection.AllHidden(),
                new WidthChange.ByFactor(1.5),
                0.01,
                OptionalLong.empty()),
            new Action.Widen(
                new LayerSelection.Listed(
                    List.of(new PolicyLayer.ByName("fc1"), new PolicyLayer.ByIndex(2))),
                new WidthChange.ToWidth(256),
                0,
                OptionalLong.of(7)),
            new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.of(5), true),
            Action.Tournament.ofTwo(
                new Action.Deepen(new PolicyLayer.ByName("conv2"), OptionalInt.empty(), false),
                new Action.Widen(
                    new LayerSelection.AllHidden(),
                    new WidthChange.ByFactor(2),
                    0,
                    OptionalLong.empty())),
            new Action.Tournament(
                List.of(
                    new Action.Tournament.Entrant(
                        new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.empty(), true),
                        Optional.of(
                            new TrainingPlan(0.2, 9, OptionalInt.empty(), Optional.empty()))),
                    new Action.Tournament.Entrant(
                        new Action.WidenTowers(new MergeSelection.AllMerges(), 1.5, 0),
                        Optional.empty()),
                    new Action.Tournament.Entrant(
                        new Action.WidenTowers(new MergeSelection.AllMerges(), 2, 0),
                        Optional.empty())),
                java.time.Duration.ofMinutes(90)),
            new Action.WidenTowers(new MergeSelection.AllMerges(), 1.85, 0.05),
            new Action.DeepenTowers(new MergeSelection.Named(List.of("m1", "m2")), 2, 3, true));
    TrainingPlan plan =
        new TrainingPlan(
            0.05,
            7,
            OptionalInt.of(32),
            Optional.of(new TrainingPlan.EarlyStopping(2, 0.001)),
            new ContinuationPlan(
                ContinuationPlan.Schedule.CONSTANT, 0.1, ContinuationPlan.OptimizerState.CARRY));
    PromotionGate gate =
        new PromotionGate(
            new MetricRef("loss", Split.VALIDATION, Mode.MIN), 0.01, OptionalLong.of(1_000_000));
    for (Action action : actions) {
      GrowthSpec spec =
          new GrowthSpec(GrowthSpec.Kind.GROW, "p", "r", Optional.of(action), plan, gate);
      assertThat(GrowthSpec.parse(spec.toJson())).isEqualTo(spec);
    }
    assertThat(GrowthSpec.parse(GrowthSpec.seed().toJson())).isEqualTo(GrowthSpec.seed());
  }

  @Test
  void aTournamentBecomesOneSpecPerCandidateWithItsOwnPlanAndTheSameChampion() {
    TrainingPlan rulePlan = TrainingPlan.defaults();
    TrainingPlan ownPlan = new TrainingPlan(0.3, 2, OptionalInt.of(16), Optional.empty());
    Action widen =
        new Action.Widen(
            new LayerSelection.AllHidden(), new WidthChange.ByFactor(2), 0, OptionalLong.empty());
    Action deepen = new Action.Deepen(new PolicyLayer.LastHidden(), OptionalInt.empty(), false);
    Action.Tournament tournament =
        new Action.Tournament(
            List.of(
                new Action.Tournament.Entrant(widen, Optional.of(ownPlan)),
                new Action.Tournament.Entrant(deepen, Optional.empty())),
            java.time.Duration.ofHours(1));

    List<GrowthSpec> specs =
        GrowthSpec.candidates(
            new dev.net2net.policies.evaluate.Growth(
                "p", "r", tournament, rulePlan, PromotionGate.defaults()),
            4);

    assertThat(specs)
        .extracting(GrowthSpec::action)
        .containsExactly(Optional.of(widen), Optional.of(deepen));
    assertThat(specs).extracting(GrowthSpec::training).containsExactly(ownPlan, rulePlan);
    assertThat(specs)
        .extracting(GrowthSpec::seat)
        .containsExactly(
            Optional.of(new GrowthSpec.Seat(0, 2, 4)), Optional.of(new GrowthSpec.Seat(1, 2, 4)));
    for (GrowthSpec spec : specs) {
      assertThat(GrowthSpec.parse(spec.toJson())).isEqualTo(spec);
    }
  }

  @Test
  void aJobEnqueuedAsTryBothBeforeTournamentsStillParses() {
    GrowthSpec legacy =
        GrowthSpec.parse(
            dev.net2net.registry.JsonDocument.parse(
                """
                {"kind": "grow", "policy": "p", "rule": "r",
                 "action": {"type": "tryBoth",
                   "first": {"type": "deepen", "after": "last-hidden", "batchNorm": false},
                   "second": {"type": "widen", "layers": "all-hidden", "factor": 2.0, "noise": 0.0}},
                 "training": {"learningRateScale": 0.1, "epochs": 5}}
                """));

    assertThat(legacy.action())
        .hasValueSatisfying(
            a ->
                assertThat(((Action.Tournament) a).entrants())
                    .extracting(e -> e.action().kind().yamlName())
                    .containsExactly("deepen", "widen"));
    assertThat(legacy.seat()).isEmpty();
  }

  @Test
  void aJobQueuedBeforeContinuationsExistedKeepsTheConstantReducedRate() {
    var json =
        dev.net2net.registry.JsonDocument.parse(
            "{\"kind\":\"seed\",\"policy\":\"-\",\"rule\":\"seed\","
                + "\"training\":{\"learningRateScale\":0.1,\"epochs\":5}}");
    assertThat(GrowthSpec.parse(json).training().continuation())
        .isEqualTo(ContinuationPlan.constant());
  }
}
