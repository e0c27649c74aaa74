package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Registry;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The daemon against a real PostgreSQL with a small drip of real Fashion-MNIST: the seed is
 * trained, data growth widens it, the lineage and the transform are recorded, and the champion
 * moves only when the promotion gate passes.
 */
class GrowthEndToEndTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private static Optional<Integer> champion(Registry registry) {
    return registry.models().find(NAME).isEmpty()
        ? Optional.empty()
        : registry.aliases().resolve(NAME, AliasName.CHAMPION);
  }

  private static List<ModelVersion> versions(Registry registry) {
    return registry.models().find(NAME).isEmpty() ? List.of() : registry.versions().list(NAME);
  }

  @Test
  void dataGrowthWidensTheChampionAndTheGateDecidesPromotion() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("growth", DaemonHarness.widenOnGrowth(0.0, 1))) {
      harness.drip(1000);
      Net2NetDaemon daemon = harness.start("worker-a");
      Registry registry = harness.registry();

      await(
          PATIENCE,
          "the seed version to become champion",
          () -> champion(registry).equals(Optional.of(1)));
      ModelVersion seed = registry.versions().get(new VersionRef(NAME, 1));
      assertThat(seed.parent()).isEmpty();
      assertThat(seed.dataset().rows()).isEqualTo(1000);

      harness.drip(1000);
      await(
          PATIENCE,
          "a widened version to become champion",
          () -> champion(registry).equals(Optional.of(2)));
      ModelVersion wider = registry.versions().get(new VersionRef(NAME, 2));
      assertThat(wider.parent()).contains(1);
      assertThat(wider.state().status()).isEqualTo(VersionStatus.READY);
      assertThat(wider.transform())
          .hasValueSatisfying(
              t -> {
                assertThat(t.kind()).isEqualTo("widen");
                assertThat(t.oldWidth()).hasValue(16);
                assertThat(t.newWidth()).hasValue(32);
              });
      assertThat(wider.parameterCount()).isGreaterThan(seed.parameterCount());
      assertThat(wider.preservationError().orElseThrow()).isLessThan(1e-4);
      assertThat(wider.dataset().rows()).isEqualTo(2000);
      assertThat(registry.versions().lineage(wider.ref()).ancestors())
          .extracting(v -> v.number())
          .containsExactly(1);
      assertThat(registry.versions().metrics(wider.ref()))
          .anySatisfy(
              m -> {
                assertThat(m.name()).isEqualTo("accuracy");
                assertThat(m.epoch()).isEmpty();
              });
      // The reduced rate is for the continued training only: a version keeps its parent's rate.
      assertThat(rate(registry, wider))
          .isCloseTo(rate(registry, seed), org.assertj.core.data.Offset.offset(1e-12));
      PolicyDecision decision =
          registry.decisions().recent(NAME, 50).stream()
              .filter(d -> d.rule().equals("widen-on-growth"))
              .findFirst()
              .orElseThrow();
      assertThat(decision.outcome()).isEqualTo(DecisionOutcome.PROMOTED);
      assertThat(decision.resultingVersion()).contains(2);
      assertThat(decision.signals().text())
          .contains("datasetRows")
          .contains("GROW by rule widen-on-growth");

      // A gate no candidate can pass: the grown version is registered, rejected, and the champion
      // stays.
      harness.writePolicy(DaemonHarness.widenOnGrowth(1.0, 1));
      var reload =
          harness.send(
              daemon, "POST", "/api/policies/reload", Optional.of(DaemonHarness.TOKEN), null);
      assertThat(reload.status()).as(reload.body()).isEqualTo(200);
      harness.drip(2000);
      await(PATIENCE, "a third version", () -> versions(registry).size() >= 3);
      ModelVersion rejected = registry.versions().get(new VersionRef(NAME, 3));
      assertThat(rejected.parent()).contains(2);
      assertThat(rejected.state().status()).isEqualTo(VersionStatus.REJECTED);
      assertThat(rejected.state().reason())
          .hasValueSatisfying(r -> assertThat(r).contains("promotion gate"));
      assertThat(champion(registry)).contains(2);

      String metrics = harness.get(daemon, "/metrics").body();
      assertThat(metrics)
          .contains(
              "net2net_growth_attempts_total{kind=\"widen\",model=\"test-mlp\",outcome=\"promoted\"}")
          .contains(
              "net2net_growth_attempts_total{kind=\"widen\",model=\"test-mlp\",outcome=\"rejected\"}")
          .contains("net2net_dataset_rows{model=\"test-mlp\"} 4000")
          .contains("net2net_preservation_error_max")
          .contains("net2net_champion_accuracy{model=\"test-mlp\"}")
          .contains("net2net_training_epoch_duration_seconds_count")
          .contains("net2net_policy_evaluations_total")
          .contains("jvm_memory_used_bytes")
          .contains("vertx_http_server_requests_total");
    }
  }

  private static double rate(Registry registry, ModelVersion version) {
    var model =
        (org.deeplearning4j.nn.multilayer.MultiLayerNetwork)
            dev.net2net.io.ModelFiles.load(registry.versions().verifiedArtifactPath(version.ref()));
    return dev.net2net.continuation.LearningRates.rate(model.getLayer(0).conf().getLayer(), 0, 0)
        .orElseThrow();
  }

  @Test
  void aStudentBeyondThePreservationToleranceIsRecordedAsFailedAndTheChampionStays()
      throws Exception {
    // Zero-sum noise keeps the function up to float rounding (about 1e-7), which a tolerance of
    // 1e-12
    // refuses: the failure path of a transform that does not preserve closely enough.
    String policy =
        DaemonHarness.widenOnGrowth(0.0, 1).replace("factor: 2}", "factor: 2, noise: 0.05}");
    try (DaemonHarness harness = DaemonHarness.create("tolerance", policy)) {
      harness.drip(1000);
      Net2NetDaemon daemon =
          harness.start(harness.config("strict", 16).withPreservationTolerance(1e-12));
      Registry registry = harness.registry();
      await(PATIENCE, "the seed", () -> champion(registry).equals(Optional.of(1)));
      harness.drip(1000);
      await(PATIENCE, "the refused student", () -> versions(registry).size() >= 2);
      ModelVersion refused = registry.versions().get(new VersionRef(NAME, 2));
      assertThat(refused.state().status()).isEqualTo(VersionStatus.FAILED);
      assertThat(refused.state().reason())
          .hasValueSatisfying(
              r -> assertThat(r).contains("preservation error").contains("exceeds the tolerance"));
      assertThat(refused.preservationError().orElseThrow()).isGreaterThan(1e-12);
      assertThat(champion(registry)).contains(1);
      await(
          PATIENCE,
          "the decision to be resolved",
          () ->
              registry.decisions().recent(NAME, 20).stream()
                  .anyMatch(
                      d ->
                          d.rule().equals("widen-on-growth")
                              && d.outcome() == DecisionOutcome.FAILED));
      assertThat(harness.get(daemon, "/health/live").status()).isEqualTo(200);
      assertThat(harness.get(daemon, "/metrics").body())
          .contains(
              "net2net_growth_attempts_total{kind=\"widen\",model=\"test-mlp\",outcome=\"failed\"} 1.0");
    }
  }

  @Test
  void anInceptionGraphGrowsItsTowers() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("towers", DaemonHarness.widenTowersOnGrowth())) {
      harness.drip(600);
      harness.start(
          harness.config(
              "towers-worker", new dev.net2net.training.seed.Seed.Inception(0.2, 1, 1e-3)));
      Registry registry = harness.registry();
      await(PATIENCE, "the Inception seed", () -> champion(registry).equals(Optional.of(1)));
      harness.drip(600);
      await(PATIENCE, "a version with wider towers", () -> versions(registry).size() >= 2);
      ModelVersion grown = registry.versions().get(new VersionRef(NAME, 2));
      assertThat(grown.state().status())
          .as(grown.state().reason().orElse(""))
          .isEqualTo(VersionStatus.READY);
      assertThat(grown.transform().orElseThrow().kind()).isEqualTo("widen-towers");
      assertThat(grown.parameterCount())
          .isGreaterThan(registry.versions().get(new VersionRef(NAME, 1)).parameterCount());
      assertThat(grown.preservationError().orElseThrow()).isLessThan(1e-4);
      assertThat(champion(registry)).contains(2);
      // The graph's version keeps its parent's learning rate, as chains do.
      var graph =
          (org.deeplearning4j.nn.graph.ComputationGraph)
              dev.net2net.io.ModelFiles.load(registry.versions().verifiedArtifactPath(grown.ref()));
      var conv = graph.getLayer("stem_conv").conf().getLayer();
      assertThat(dev.net2net.continuation.LearningRates.rate(conv, 0, 0).orElseThrow())
          .isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void twoDaemonsOnOneDatabaseGrowTheModelOnce() throws Exception {
    try (DaemonHarness harness =
        DaemonHarness.create("replicas", DaemonHarness.widenOnGrowth(0.0, 1))) {
      harness.drip(1000);
      harness.start("replica-a");
      harness.start("replica-b");
      Registry registry = harness.registry();
      await(PATIENCE, "the seed", () -> champion(registry).equals(Optional.of(1)));
      harness.drip(1000);
      await(PATIENCE, "the widened version", () -> champion(registry).equals(Optional.of(2)));
      // Let both replicas see the new state and evaluate a few more times before counting.
      Thread.sleep(5_000);
      assertThat(versions(registry)).extracting(ModelVersion::number).containsExactly(1, 2);
      assertThat(registry.decisions().recent(NAME, 50))
          .filteredOn(d -> d.rule().equals("widen-on-growth"))
          .hasSize(1);
      assertThat(registry.jobs().recent(Optional.of(NAME), 50)).hasSize(2);
      assertThat(registry.shards().list(MODEL)).hasSize(2);
    }
  }
}
