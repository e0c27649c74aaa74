package dev.net2net.datasets.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EpochOrderTest {
  @Property(tries = 300)
  void everyRowIsVisitedExactlyOnce(
      @ForAll @IntRange(min = 0, max = 20_000) int n,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int epoch) {
    EpochOrder order = EpochOrder.of(n, seed, epoch);
    BitSet seen = new BitSet(n);
    for (int i = 0; i < n; i++) {
      long row = order.at(i);
      assertThat(row).isBetween(0L, (long) n - 1);
      assertThat(seen.get((int) row)).as("row %d visited twice", row).isFalse();
      seen.set((int) row);
    }
    assertThat(seen.cardinality()).isEqualTo(n);
  }

  @Property(tries = 50)
  void theOrderDependsOnlyOnSeedAndEpoch(
      @ForAll @IntRange(min = 2, max = 5000) int n,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1000) int epoch) {
    EpochOrder a = EpochOrder.of(n, seed, epoch);
    EpochOrder b = EpochOrder.of(n, seed, epoch);
    for (int i = 0; i < n; i++) {
      assertThat(a.at(i)).isEqualTo(b.at(i));
    }
  }

  @Test
  void epochsAndSeedsGiveDifferentOrdersThatLookShuffled() {
    int n = 10_000;
    EpochOrder first = EpochOrder.of(n, 42, 0);
    EpochOrder second = EpochOrder.of(n, 42, 1);
    EpochOrder otherSeed = EpochOrder.of(n, 43, 0);
    int sameAsSecond = 0;
    int sameAsOtherSeed = 0;
    int fixedPoints = 0;
    int ascending = 0;
    for (int i = 0; i < n; i++) {
      sameAsSecond += first.at(i) == second.at(i) ? 1 : 0;
      sameAsOtherSeed += first.at(i) == otherSeed.at(i) ? 1 : 0;
      fixedPoints += first.at(i) == i ? 1 : 0;
      ascending += i > 0 && first.at(i) > first.at(i - 1) ? 1 : 0;
    }
    // A uniform shuffle agrees with another in about 1 place and has about 1 fixed point
    // (Poisson(1)):
    // 10 or more would happen with probability below 1e-7.
    assertThat(sameAsSecond).isLessThan(10);
    assertThat(sameAsOtherSeed).isLessThan(10);
    assertThat(fixedPoints).isLessThan(10);
    // Ascending steps of a random order: n/2 with standard deviation about sqrt(n/12) = 29.
    assertThat(ascending).isBetween(n / 2 - 200, n / 2 + 200);
  }

  @Test
  void largeSetsNeedNoMemoryPerRow() {
    long n = 5_000_000_000L;
    EpochOrder order = EpochOrder.of(n, 7, 3);
    for (long i = 0; i < 1000; i++) {
      assertThat(order.at(i)).isBetween(0L, n - 1);
    }
  }
}
