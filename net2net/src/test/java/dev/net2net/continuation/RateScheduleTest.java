package dev.net2net.continuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The schedule's factor as a function of the step. Tolerances are 1e-12: the factor is a few double
 * operations on numbers near 1.
 */
class RateScheduleTest {

  @Provide
  Arbitrary<RateSchedule> shapes() {
    return Arbitraries.of(Decay.values())
        .flatMap(d -> Arbitraries.doubles().between(0, 0.5).map(w -> new RateSchedule(d, w)));
  }

  @Property(tries = 300)
  void everyFactorIsInZeroToOne(
      @ForAll("shapes") RateSchedule shape,
      @ForAll @LongRange(min = 1, max = 100_000) long total,
      @ForAll @LongRange(min = -10, max = 200_000) long step) {
    double f = shape.factor(step, total);
    assertThat(f).isBetween(0.0, 1.0);
  }

  @Property(tries = 300)
  void warmUpRisesLinearlyToTheFullRate(
      @ForAll @DoubleRange(min = 0.01, max = 0.5) double warmup,
      @ForAll @LongRange(min = 10, max = 100_000) long total) {
    RateSchedule shape = RateSchedule.constant().withWarmup(warmup);
    long w = shape.warmupSteps(total);
    if (w == 0) {
      assertThat(shape.factor(0, total)).isEqualTo(1.0);
      return;
    }
    assertThat(shape.factor(0, total)).isCloseTo(1.0 / w, offset(1e-12));
    for (long s = 1; s < w; s++) {
      assertThat(shape.factor(s, total) - shape.factor(s - 1, total))
          .as("step %d", s)
          .isCloseTo(1.0 / w, offset(1e-12));
    }
    assertThat(shape.factor(w - 1, total)).isCloseTo(1.0, offset(1e-12));
    assertThat(shape.factor(w, total)).isEqualTo(1.0);
    assertThat(shape.factor(total - 1, total)).isEqualTo(1.0);
  }

  @Property(tries = 300)
  void cosineStartsAtTheFullRateAndNeverRisesAfterTheWarmUp(
      @ForAll @DoubleRange(min = 0, max = 0.5) double warmup,
      @ForAll @LongRange(min = 2, max = 5_000) long total) {
    RateSchedule shape = RateSchedule.cosine().withWarmup(warmup);
    long w = shape.warmupSteps(total);
    assertThat(shape.factor(w, total)).isCloseTo(1.0, offset(1e-12));
    for (long s = w + 1; s < total; s++) {
      assertThat(shape.factor(s, total)).isLessThanOrEqualTo(shape.factor(s - 1, total));
    }
  }

  @Property(tries = 300)
  void cosineIsSymmetricAboutHalfTheRateAtItsMidpoint(
      @ForAll @LongRange(min = 1, max = 10_000) long half) {
    long total = 2 * half;
    RateSchedule shape = RateSchedule.cosine();
    for (long s : new long[] {1, 1 + half / 3, half}) {
      assertThat(shape.factor(s, total) + shape.factor(total - s, total))
          .as("steps %d and %d", s, total - s)
          .isCloseTo(1.0, offset(1e-12));
    }
    assertThat(shape.factor(half, total)).isCloseTo(0.5, offset(1e-12));
  }

  @Property(tries = 200)
  void stepsPastThePlanKeepTheLastFactor(
      @ForAll("shapes") RateSchedule shape,
      @ForAll @LongRange(min = 1, max = 10_000) long total,
      @ForAll @LongRange(min = 0, max = 10_000) long beyond) {
    assertThat(shape.factor(total - 1 + beyond, total)).isEqualTo(shape.factor(total - 1, total));
  }

  @Property(tries = 200)
  void theDl4jScheduleCountsFromTheRoundsFirstIteration(
      @ForAll("shapes") RateSchedule shape,
      @ForAll @LongRange(min = 0, max = 1_000_000) long start,
      @ForAll @LongRange(min = 1, max = 10_000) long total,
      @ForAll @LongRange(min = 0, max = 20_000) long step,
      @ForAll @DoubleRange(min = 0.01, max = 1) double rate) {
    ContinuationSchedule s = new ContinuationSchedule(rate, (int) start, total, shape);
    assertThat(s.valueAt((int) (start + step), 0))
        .isCloseTo(rate * shape.factor(step, total), offset(1e-15));
    assertThat(s.clone().valueAt((int) (start + step), 7))
        .isEqualTo(s.valueAt((int) (start + step), 7));
  }

  @Test
  void theConstantShapeIsTheOnlyOneThatInstallsNothing() {
    assertThat(RateSchedule.constant().isConstant()).isTrue();
    assertThat(RateSchedule.constant().withWarmup(0.1).isConstant()).isFalse();
    assertThat(RateSchedule.cosine().isConstant()).isFalse();
  }

  @Test
  void aWarmUpOfTheWholeRoundIsRefused() {
    assertThatThrownBy(() -> RateSchedule.cosine().withWarmup(1))
        .hasMessageContaining("below 1, got 1.0");
    assertThatThrownBy(() -> RateSchedule.cosine().withWarmup(-0.1))
        .hasMessageContaining("at least 0");
    assertThatThrownBy(() -> RateSchedule.cosine().factor(0, 0))
        .hasMessageContaining("at least one step");
  }
}
