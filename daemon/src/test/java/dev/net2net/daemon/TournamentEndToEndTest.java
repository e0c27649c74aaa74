package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.Registry;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.Tournament;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.job.GrowthJob;
import dev.net2net.registry.job.JobStatus;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A tournament of three candidates on two daemons sharing one PostgreSQL: one decision, one job per
 * candidate taken by either worker, every candidate registered, one winner made champion once, the
 * others rejected with the reason; the decision shows its candidates over HTTP, and the per-worker
 * counters and the tournament counter appear in the metrics.
 */
class TournamentEndToEndTest {
  private static final ModelName NAME = new ModelName(MODEL);

  static String tournamentOnGrowth(int epochs, String deadline) {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: tournament}
        spec:
          model: %s
          rules:
            - name: tournament-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action:
                tournament:
                  deadline: %s
                  candidates:
                    - widen: {factor: 1.5}
                    - widen: {factor: 2}
                      training: {epochs: %d}
                    - deepen: {after: last-hidden}
                    - deepen: {after: no-such-layer}
          training: {learningRateScale: 0.1, epochs: %d, batchSize: 64}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1h, maxGrowthsPerDay: 10}
        """,
        MODEL,
        deadline,
        epochs + 1,
        epochs);
  }

  @Test
  void fourCandidatesOnTwoDaemonsAreDecidedOnce() throws Exception {
    try (DaemonHarness harness = DaemonHarness.create("tournament", tournamentOnGrowth(1, "10m"))) {
      harness.drip(1000);
      // Each replica has a home of its own (its shard cache), as on separate hosts.
      Net2NetDaemon a = harness.start(harness.replicaConfig("worker-a", 16));
      Net2NetDaemon b = harness.start(harness.replicaConfig("worker-b", 16));
      harness.awaitSeed();
      Registry registry = harness.registry();
      long before = registry.events().latestId();

      harness.drip(1000);
      await(
          Duration.ofMinutes(3),
          "the tournament to be decided",
          () -> registry.tournaments().recent(NAME, 20).stream().anyMatch(Tournament::resolved));

      Tournament t = registry.tournaments().recent(NAME, 20).get(0);
      assertThat(t.decision().growthKind()).contains(GrowthKind.TOURNAMENT);
      assertThat(t.decision().outcome()).isEqualTo(DecisionOutcome.PROMOTED);
      assertThat(t.candidates()).hasSize(4);
      assertThat(t.candidates()).extracting(GrowthJob::status).containsOnly(JobStatus.SUCCEEDED);
      assertThat(t.candidates().get(3).resultVersion())
          .as("the candidate whose transform was refused")
          .isEmpty();
      List<ModelVersion> grown =
          registry.versions().list(NAME).stream().filter(v -> v.parent().isPresent()).toList();
      assertThat(grown).hasSize(3);
      assertThat(grown).allSatisfy(v -> assertThat(v.parent()).contains(1));
      assertThat(grown)
          .extracting(v -> v.state().status())
          .containsExactlyInAnyOrder(
              VersionStatus.READY, VersionStatus.REJECTED, VersionStatus.REJECTED);
      ModelVersion winner =
          grown.stream().filter(v -> v.state().status() == VersionStatus.READY).findFirst().get();
      assertThat(t.decision().resultingVersion()).contains(winner.number());
      assertThat(registry.aliases().resolve(NAME, AliasName.CHAMPION)).contains(winner.number());
      assertThat(registry.aliases().history(NAME, AliasName.CHAMPION))
          .as("the champion moved once for the seed and once for the tournament")
          .hasSize(2);
      assertThat(grown)
          .filteredOn(v -> v.state().status() == VersionStatus.REJECTED)
          .allSatisfy(
              v ->
                  assertThat(v.state().reason())
                      .hasValueSatisfying(r -> assertThat(r).contains("won the tournament")));

      List<String> claimedBy =
          registry.events().after(before, 500).stream()
              .filter(e -> e.type().equals("job.claimed"))
              .map(Event::payload)
              .map(p -> p.string("owner").orElse("?"))
              .toList();
      assertThat(claimedBy).hasSizeGreaterThanOrEqualTo(4);

      var decisions = harness.get(a, "/api/models/" + MODEL + "/decisions?limit=50");
      assertThat(decisions.status()).isEqualTo(200);
      JsonObject tournament =
          new JsonArray(decisions.body())
              .stream()
                  .map(JsonObject.class::cast)
                  .filter(d -> d.containsKey("tournament"))
                  .findFirst()
                  .orElseThrow()
                  .getJsonObject("tournament");
      assertThat(tournament.getBoolean("decided")).isTrue();
      JsonArray candidates = tournament.getJsonArray("candidates");
      assertThat(candidates).hasSize(4);
      for (int i = 0; i < 3; i++) {
        assertThat(candidates.getJsonObject(i).getString("status")).isEqualTo("succeeded");
        assertThat(candidates.getJsonObject(i).getString("versionStatus"))
            .isIn("ready", "rejected");
      }
      assertThat(candidates.getJsonObject(3).getString("action")).contains("no-such-layer");
      assertThat(candidates.getJsonObject(3).getValue("version")).isNull();

      String metrics = harness.get(a, "/metrics").body() + harness.get(b, "/metrics").body();
      assertThat(metrics)
          .contains("net2net_tournaments_total{model=\"test-mlp\",outcome=\"promoted\"} 1.0")
          .contains(
              "net2net_growth_attempts_total{kind=\"tournament\",model=\"test-mlp\",outcome=\"promoted\"} 1.0")
          .contains("net2net_tournament_candidates_in_flight")
          .containsPattern(
              "net2net_worker_jobs_total\\{kind=\"candidate\",outcome=\"succeeded\",worker=\"worker-[ab]\"\\}");
    }
  }
}
