package dev.net2net.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.registry.alias.AliasMove;
import dev.net2net.registry.alias.AliasMoveResult;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AliasesTest {
  RegistryFixture fixture;
  Registry registry;
  int modelCounter;

  @BeforeAll
  void open(@TempDir Path artifacts) {
    fixture = new RegistryFixture("aliases", artifacts);
    registry = fixture.registry;
  }

  @AfterAll
  void close() {
    fixture.close();
  }

  /** A model with versions 1 (ready), 2 and 3 (candidates) grown from 1. */
  private ModelName modelWithThreeVersions() {
    ModelName model = ModelName.of("aliased-" + (++modelCounter));
    registry.models().create(model, "");
    VersionRef seed = fixture.seed(model, model + " v1").ref();
    registry.versions().updateState(seed, VersionState.ready());
    registry
        .versions()
        .updateState(fixture.grow(seed, model + " v2").ref(), VersionState.candidate());
    registry
        .versions()
        .updateState(fixture.grow(seed, model + " v3").ref(), VersionState.candidate());
    return model;
  }

  @RepeatedTest(5)
  void ofTwoConcurrentMovesFromTheSameExpectedVersionExactlyOneWins() throws Exception {
    ModelName model = modelWithThreeVersions();
    AliasName champion = AliasName.CHAMPION;
    assertThat(
            registry
                .aliases()
                .move(champion, new VersionRef(model, 1), Optional.empty(), "test", "seed")
                .moved())
        .isTrue();

    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<AliasMoveResult> toTwo =
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return registry
                    .aliases()
                    .move(champion, new VersionRef(model, 2), Optional.of(1), "worker-a", "better");
              });
      Future<AliasMoveResult> toThree =
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return registry
                    .aliases()
                    .move(champion, new VersionRef(model, 3), Optional.of(1), "worker-b", "better");
              });
      AliasMoveResult a = toTwo.get(30, TimeUnit.SECONDS);
      AliasMoveResult b = toThree.get(30, TimeUnit.SECONDS);
      assertThat(a.moved() ^ b.moved()).as("exactly one move wins: %s, %s", a, b).isTrue();
      int winner = a.moved() ? 2 : 3;
      AliasMoveResult loser = a.moved() ? b : a;
      assertThat(loser.current()).contains(winner);
      assertThat(registry.aliases().resolve(model, champion)).contains(winner);
      assertThat(registry.aliases().history(model, champion))
          .extracting(AliasMove::to)
          .containsExactly(1, winner);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofTwoConcurrentFirstMovesExactlyOneWins() throws Exception {
    ModelName model = modelWithThreeVersions();
    AliasName staging = AliasName.of("staging");
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<AliasMoveResult>> results =
          List.of(2, 3).stream()
              .map(
                  target ->
                      pool.submit(
                          () -> {
                            start.await(10, TimeUnit.SECONDS);
                            return registry
                                .aliases()
                                .move(
                                    staging,
                                    new VersionRef(model, target),
                                    Optional.empty(),
                                    "w" + target,
                                    "");
                          }))
              .toList();
      long wins = 0;
      for (Future<AliasMoveResult> result : results) {
        wins += result.get(30, TimeUnit.SECONDS).moved() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(registry.aliases().history(model, staging)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMoveFromAStaleExpectationChangesNothingAndReportsTheCurrentVersion() {
    ModelName model = modelWithThreeVersions();
    registry
        .aliases()
        .move(AliasName.CHAMPION, new VersionRef(model, 1), Optional.empty(), "t", "");
    registry.aliases().move(AliasName.CHAMPION, new VersionRef(model, 2), Optional.of(1), "t", "");
    AliasMoveResult stale =
        registry
            .aliases()
            .move(AliasName.CHAMPION, new VersionRef(model, 3), Optional.of(1), "t", "");
    assertThat(stale).isEqualTo(new AliasMoveResult(false, Optional.of(2)));
    AliasMoveResult firstMoveOnSetAlias =
        registry
            .aliases()
            .move(AliasName.CHAMPION, new VersionRef(model, 3), Optional.empty(), "t", "");
    assertThat(firstMoveOnSetAlias.moved()).isFalse();
    assertThat(registry.aliases().list(model)).containsEntry(AliasName.CHAMPION, 2).hasSize(1);
    assertThat(registry.aliases().history(model, AliasName.CHAMPION))
        .extracting(AliasMove::from)
        .containsExactly(Optional.empty(), Optional.of(1));
  }

  @Test
  void anAliasCannotNameAVersionThatIsTrainingOrRejected() {
    ModelName model = modelWithThreeVersions();
    VersionRef training = fixture.grow(new VersionRef(model, 1), model + " v4").ref();
    assertThatThrownBy(
            () -> registry.aliases().move(AliasName.CHAMPION, training, Optional.empty(), "t", ""))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "version "
                + training
                + " is training: an alias can name only a candidate or ready version");
    assertThat(registry.aliases().resolve(model, AliasName.CHAMPION)).isEmpty();
  }
}
