package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.ActionKind;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.GrowthPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy file shipped in policies/examples is valid, without warnings, and says what its name
 * promises.
 */
class ShippedExamplesTest {

  static final Path EXAMPLES = Path.of("examples");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void validatesWithoutErrorsOrWarnings(Path example) throws IOException {
    LoadResult result = PolicyLoader.load(example);

    assertThat(result.diagnostics()).as(example.toString()).isEmpty();
    assertThat(result.policies()).isNotEmpty();
  }

  @Test
  void theRequiredExamplesAreShipped() {
    assertThat(EXAMPLES.resolve("widen-on-data-growth.yaml")).exists();
    assertThat(EXAMPLES.resolve("deepen-on-plateau.yaml")).exists();
    assertThat(EXAMPLES.resolve("try-both-under-a-budget.yaml")).exists();
    assertThat(EXAMPLES.resolve("demo.yaml")).exists();
  }

  @Test
  void theDemoPolicyWidensOnDataGrowthAndDeepensOnAPlateauWithAShortCooldown() throws IOException {
    GrowthPolicy demo = single("demo.yaml");

    assertThat(demo.model()).isEqualTo("fashion-mlp");
    assertThat(demo.guards().cooldown()).isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(demo.rules())
        .extracting(r -> r.action().kind())
        .containsExactly(ActionKind.WIDEN, ActionKind.DEEPEN);
    assertThat(demo.rules().get(0).when())
        .isInstanceOfSatisfying(
            Condition.DatasetGrowthRatio.class, g -> assertThat(g.ratio()).isEqualTo(1.5));
    assertThat(demo.rules().get(1).when())
        .isInstanceOfSatisfying(
            Condition.Plateau.class, p -> assertThat(p.evaluations()).isEqualTo(2));
    assertThat(demo.rules()).allSatisfy(r -> assertThat(r.holdFor()).isZero());
  }

  @Test
  void tryBothKeepsWithinAParameterBudget() throws IOException {
    GrowthPolicy policy = single("try-both-under-a-budget.yaml");

    assertThat(policy.guards().maxParameters()).hasValue(2_000_000);
    assertThat(policy.rules())
        .allSatisfy(
            r -> {
              assertThat(r.action())
                  .as("tryBoth is a tournament of two")
                  .isInstanceOfSatisfying(
                      Action.Tournament.class, t -> assertThat(t.entrants()).hasSize(2));
              assertThat(r.promotion().maxParameters()).hasValue(2_000_000);
            });
  }

  @Test
  void theTournamentTrainsEachCandidateWithItsOwnPlanOverTheRules() throws IOException {
    GrowthPolicy policy = single("tournament-across-replicas.yaml");
    Action.Tournament tournament = (Action.Tournament) policy.rules().get(0).action();

    assertThat(tournament.deadline()).isEqualTo(Duration.ofHours(2));
    assertThat(tournament.entrants())
        .extracting(e -> e.action().kind())
        .containsExactly(ActionKind.WIDEN, ActionKind.WIDEN, ActionKind.DEEPEN);
    // epochs 3 from the candidate, the rest of the plan (rate, early stopping) from the rule's
    assertThat(tournament.entrants().get(0).training())
        .hasValueSatisfying(
            t -> {
              assertThat(t.epochs()).isEqualTo(3);
              assertThat(t.learningRateScale()).isEqualTo(0.1);
              assertThat(t.earlyStopping()).isPresent();
            });
    assertThat(tournament.entrants().get(1).training()).isEmpty();
    assertThat(tournament.entrants().get(2).training())
        .hasValueSatisfying(t -> assertThat(t.learningRateScale()).isEqualTo(0.2));
  }

  @Test
  void theInceptionFileHoldsTwoPoliciesWithGraphWideActions() throws IOException {
    List<GrowthPolicy> policies =
        PolicyLoader.load(EXAMPLES.resolve("inception-towers.yaml")).policies();

    assertThat(policies)
        .extracting(GrowthPolicy::model)
        .containsExactly("fashion-inception", "cifar-inception");
    assertThat(policies.get(0).rules().get(0).action()).isInstanceOf(Action.WidenTowers.class);
    assertThat(policies.get(1).rules().get(0).action()).isInstanceOf(Action.DeepenTowers.class);
  }

  private static GrowthPolicy single(String file) throws IOException {
    LoadResult result = PolicyLoader.load(EXAMPLES.resolve(file));
    assertThat(result.errors()).isEmpty();
    assertThat(result.policies()).hasSize(1);
    return result.policies().get(0);
  }
}
