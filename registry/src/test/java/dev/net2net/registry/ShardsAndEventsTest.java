package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;
import dev.net2net.registry.decision.NewDecision;
import dev.net2net.registry.decision.PolicyDecision;
import dev.net2net.registry.event.Event;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.shard.NewShard;
import dev.net2net.registry.shard.ShardRecording;
import dev.net2net.registry.shard.ShardStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardsAndEventsTest {
  RegistryFixture fixture;
  Registry registry;

  @BeforeAll
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("shards_events", artifacts);
    registry = fixture.registry;
  }

  @AfterAll
  void close() {
    fixture.close();
  }

  private static Sha256 sha(String text) {
    return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aShardIsRecordedOnceAndTheSnapshotCountsOnlyIngestedRows() {
    ShardRecording first =
        registry
            .shards()
            .record(NewShard.ingested("fashion", "/data/shard-1.idx", sha("one"), 1000));
    ShardRecording again =
        registry
            .shards()
            .record(NewShard.ingested("fashion", "/data/shard-1.idx", sha("one"), 1000));
    registry.shards().record(NewShard.ingested("fashion", "/data/shard-2.idx", sha("two"), 500));
    registry
        .shards()
        .record(
            NewShard.quarantined(
                "fashion", "/data/shard-3.idx", sha("three"), 7, "label out of range at row 3"));
    assertThat(first.newlyRecorded()).isTrue();
    assertThat(again.newlyRecorded()).isFalse();
    assertThat(again.shard()).isEqualTo(first.shard());
    assertThat(registry.shards().list("fashion"))
        .extracting(s -> s.status())
        .containsExactly(ShardStatus.INGESTED, ShardStatus.INGESTED, ShardStatus.QUARANTINED);

    DatasetSnapshot snapshot = registry.shards().snapshot("fashion");
    assertThat(snapshot.rows()).isEqualTo(1500);
    // Independent of arrival order: the same set recorded in the other order digests the same.
    registry
        .shards()
        .record(NewShard.ingested("fashion-copy", "/copy/shard-2.idx", sha("two"), 500));
    registry
        .shards()
        .record(NewShard.ingested("fashion-copy", "/copy/shard-1.idx", sha("one"), 1000));
    assertThat(registry.shards().snapshot("fashion-copy")).isEqualTo(snapshot);
    assertThatThrownBy(() -> NewShard.quarantined("fashion", "/x", sha("x"), 1, ""))
        .hasMessage("a quarantined shard needs a reason");
  }

  @Test
  void eventsRecordEveryChangeAndAreReadableAfterAnId() {
    long start = latestEventId();
    ModelName model = ModelName.of("evented");
    registry.models().create(model, "");
    fixture.seed(model, "evented v1");
    PolicyDecision decision =
        registry
            .decisions()
            .record(
                NewDecision.growth(
                    model,
                    "grow-on-data",
                    "dataset_grew",
                    JsonDocument.of(Map.of("rows", 120000, "ratio", 2.0)),
                    "widen",
                    GrowthKind.WIDEN));
    List<Event> events = registry.events().after(start, 100);
    assertThat(events)
        .extracting(Event::type)
        .containsExactly("model.created", "version.registered", "decision.recorded");
    assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
    assertThat(events.get(1).version()).contains(1);
    assertThat(events.get(1).payload().string("artifact"))
        .contains(Sha256.of("evented v1".getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(registry.events().after(events.get(0).id(), 1))
        .extracting(Event::type)
        .containsExactly("version.registered");

    assertThat(decision.signals().number("rows")).contains(120000);
    PolicyDecision resolved =
        registry.decisions().resolve(decision.id(), DecisionOutcome.PROMOTED, Optional.of(1));
    assertThat(resolved.resultingVersion()).contains(1);
    assertThat(registry.decisions().recent(model, 10)).containsExactly(resolved);

    long own =
        registry
            .events()
            .append("daemon.started", Optional.empty(), JsonDocument.of(Map.of("replica", "a")));
    assertThat(registry.events().after(own - 1, 10))
        .extracting(Event::type)
        .containsExactly("daemon.started");
  }

  @Test
  void theEventLogRefusesUpdatesDeletesAndTruncation() throws Exception {
    registry.events().append("test.marker", Optional.empty(), JsonDocument.empty());
    try (Connection connection = fixture.database.connect();
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("UPDATE events SET type = 'x.y'"))
          .hasMessageContaining("the events table is append-only: UPDATE is not allowed");
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM events"))
          .hasMessageContaining("the events table is append-only: DELETE is not allowed");
      assertThatThrownBy(() -> statement.execute("TRUNCATE events"))
          .hasMessageContaining("the events table is append-only: TRUNCATE is not allowed");
    }
    assertThat(registry.events().after(0, 10_000)).isNotEmpty();
  }

  @Test
  void onlyOneReplicaLeadsAtATimeAndLeadershipPassesOnRelease() {
    var first = registry.tryAcquireLeadership("policy-engine");
    assertThat(first).isPresent();
    assertThat(first.get().isHeld()).isTrue();
    assertThat(registry.tryAcquireLeadership("policy-engine")).isEmpty();
    first.get().close();
    assertThat(first.get().isHeld()).isFalse();
    var second = registry.tryAcquireLeadership("policy-engine");
    assertThat(second).isPresent();
    second.get().close();
  }

  private long latestEventId() {
    List<Event> all = registry.events().after(0, 100_000);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
  }
}
