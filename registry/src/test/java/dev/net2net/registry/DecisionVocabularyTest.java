package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.model.ModelName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision vocabularies: labels round-trip, unknown labels are refused, and the database
 * agrees.
 */
class DecisionVocabularyTest {

  @Test
  void everyLabelRoundTripsAndAnUnknownOneIsRefusedRatherThanDefaulted() {
    for (DecisionOutcome outcome : DecisionOutcome.values()) {
      assertThat(DecisionOutcome.fromLabel(outcome.label())).isEqualTo(outcome);
    }
    for (GrowthKind kind : GrowthKind.values()) {
      assertThat(GrowthKind.fromLabel(kind.label())).isEqualTo(kind);
    }
    assertThatThrownBy(() -> DecisionOutcome.fromLabel("cooldown"))
        .hasMessageContaining("unknown decision outcome 'cooldown'");
    assertThatThrownBy(() -> GrowthKind.fromLabel("WIDEN"))
        .hasMessageContaining("unknown growth kind 'WIDEN'");
  }

  @Test
  void aDecisionNamesAGrowthKindExactlyWhenItIsAGrowth() {
    ModelName model = ModelName.of("m");
    assertThatThrownBy(
            () ->
                new NewDecision(
                    model,
                    "p",
                    "r",
                    JsonDocument.empty(),
                    "none",
                    Optional.of(GrowthKind.WIDEN),
                    DecisionOutcome.HELD,
                    Optional.empty()))
        .hasMessageContaining("outcome held with kind widen");
    assertThatThrownBy(
            () ->
                new NewDecision(
                    model,
                    "p",
                    "r",
                    JsonDocument.empty(),
                    "widen",
                    Optional.empty(),
                    DecisionOutcome.ENQUEUED,
                    Optional.empty()))
        .hasMessageContaining("outcome enqueued with kind none");
  }

  @Test
  void theDatabaseAdmitsExactlyTheEnumsLabels(@TempDir Path artifacts) throws Exception {
    try (RegistryFixture fixture = new RegistryFixture("vocabulary", artifacts)) {
      Registry registry = fixture.registry;
      ModelName model = ModelName.of("vocab");
      registry.models().create(model, "");
      for (GrowthKind kind : GrowthKind.values()) {
        var d =
            registry
                .decisions()
                .record(NewDecision.growth(model, "p", "r", JsonDocument.of(Map.of()), "x", kind));
        assertThat(d.growthKind()).contains(kind);
        for (DecisionOutcome outcome :
            Arrays.stream(DecisionOutcome.values())
                .filter(DecisionOutcome::isEndOfGrowth)
                .toList()) {
          assertThat(registry.decisions().resolve(d.id(), outcome, Optional.empty()).outcome())
              .isEqualTo(outcome);
        }
      }
      try (var connection = fixture.database.connect();
          var statement = connection.createStatement()) {
        assertThatThrownBy(
                () -> statement.executeUpdate("UPDATE policy_decisions SET outcome = 'cooldown'"))
            .hasMessageContaining("policy_decisions_outcome_known");
        assertThatThrownBy(
                () -> statement.executeUpdate("UPDATE policy_decisions SET growth_kind = 'WIDEN'"))
            .hasMessageContaining("policy_decisions_growth_kind_known");
      }
    }
  }
}
