package dev.net2net.datasets.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HoldoutRuleTest {
  /**
   * Fixed values: the split must send the same rows to validation on every machine and in every
   * future version (a change here would leak validation rows into training). These were computed
   * once by this implementation and must never change.
   */
  @Test
  void theRowHashIsFixedForever() {
    assertThat(RowHash.of(new byte[0], 0, 0)).isEqualTo(GOLDEN_EMPTY);
    byte[] text = "net2net row hash v1".getBytes(StandardCharsets.US_ASCII);
    assertThat(RowHash.of(text, 0, text.length)).isEqualTo(GOLDEN_TEXT);
    byte[] bytes = new byte[37];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    assertThat(RowHash.of(bytes, 0, bytes.length)).isEqualTo(GOLDEN_BYTES);
  }

  static final long GOLDEN_EMPTY = -1205034819632174695L;
  static final long GOLDEN_TEXT = 7331299144444582759L;
  static final long GOLDEN_BYTES = -3793332659655156095L;

  @Property(tries = 200)
  void theSameRowAlwaysLandsOnTheSameSide(
      @ForAll @Size(max = 300) byte[] row,
      @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction) {
    HoldoutRule rule = HoldoutRule.fraction(fraction);
    byte[] copy = new byte[row.length + 5];
    System.arraycopy(row, 0, copy, 5, row.length);
    assertThat(rule.holdout(copy, 5, row.length))
        .isEqualTo(rule.holdout(row.clone(), 0, row.length));
    assertThat(HoldoutRule.fraction(fraction).holdout(row, 0, row.length))
        .isEqualTo(rule.holdout(row, 0, row.length));
  }

  /**
   * Over 20,000 distinct rows the held-out share is within 4 standard errors of the fraction
   * (sqrt(f(1-f)/n) is at most 0.0035 here, so at most 0.014 off): a fair split fails this about
   * once in 16,000 runs, a biased one (off by 2% or more) almost always.
   */
  @Property(tries = 20)
  void theHeldOutShareMatchesTheFraction(
      @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    HoldoutRule rule = HoldoutRule.fraction(fraction);
    Random random = new Random(seed);
    int n = 20_000;
    int held = 0;
    byte[] row = new byte[16];
    for (int i = 0; i < n; i++) {
      random.nextBytes(row);
      row[0] = (byte) i;
      row[1] = (byte) (i >> 8);
      row[2] = (byte) (i >> 16);
      if (rule.holdout(row, 0, row.length)) {
        held++;
      }
    }
    double tolerance = 4 * Math.sqrt(fraction * (1 - fraction) / n);
    assertThat((double) held / n)
        .isCloseTo(fraction, org.assertj.core.data.Offset.offset(tolerance));
  }

  @Test
  void aLargerFractionHoldsOutASupersetOfRows() {
    byte[] row = new byte[8];
    for (long i = 0; i < 5000; i++) {
      java.nio.ByteBuffer.wrap(row).putLong(i);
      if (HoldoutRule.fraction(0.1).holdout(row, 0, 8)) {
        assertThat(HoldoutRule.fraction(0.3).holdout(row, 0, 8)).isTrue();
      }
    }
  }

  @Test
  void fractionsOutsideTheOpenUnitIntervalAreRefused() {
    assertThatThrownBy(() -> HoldoutRule.fraction(0))
        .hasMessage("holdout fraction must be above 0 and below 1, got 0.0");
    assertThatThrownBy(() -> HoldoutRule.fraction(1))
        .hasMessage("holdout fraction must be above 0 and below 1, got 1.0");
    assertThatThrownBy(() -> new Holdout.Fraction(Double.NaN))
        .hasMessage("holdout fraction must be above 0 and below 1, got NaN");
  }
}
