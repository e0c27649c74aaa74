package dev.net2net.policies.model;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for reports: short, exact enough, and the same on every machine. */
public final class Numbers {

  private Numbers() {}

  /** Up to six significant decimals without trailing zeros: 1.5, 0.0025, 3. */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded =
        new BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
  }

  /** A ratio to four significant digits: x1.628, not x1.62791. */
  public static String ratio(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal rounded =
        new BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
  }

  /** Grouped by thousands with commas: 12,500. */
  public static String format(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
