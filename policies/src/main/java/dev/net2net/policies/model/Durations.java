package dev.net2net.policies.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of policy files, the one Prometheus uses: a number and a unit, or several
 * from the largest unit down ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1d}, {@code 2w}).
 */
public final class Durations {

  private static final Pattern COMPONENT = Pattern.compile("(\\d+)(w|d|h|m|s)");
  private static final List<String> UNIT_ORDER = List.of("w", "d", "h", "m", "s");

  /** Longer than any guard or schedule could sensibly need, and far from Duration's overflow. */
  public static final Duration LONGEST = Duration.ofDays(3650);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message that says what was expected, fit to show a user
   */
  public static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "expected a duration such as 90s, 5m, 1h or 1d, found an empty string");
    }
    if (trimmed.startsWith("-")) {
      throw new IllegalArgumentException("a duration cannot be negative, found '" + text + "'");
    }
    if (trimmed.matches("\\d+")) {
      throw new IllegalArgumentException(
          "a duration needs a unit, found the bare number "
              + trimmed
              + "; did you mean '"
              + trimmed
              + "s'?");
    }
    if (trimmed.matches("\\d+\\.\\d+[a-z]+")) {
      throw new IllegalArgumentException(
          "a duration is whole numbers of units (write 90s rather than 1.5m), found '"
              + text
              + "'");
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (!lower.equals(trimmed) && isWellFormed(lower)) {
      throw new IllegalArgumentException(
          "duration units are lower case, found '" + text + "'; did you mean '" + lower + "'?");
    }
    Matcher matcher = COMPONENT.matcher(trimmed);
    int position = 0;
    int lastUnit = -1;
    Duration total = Duration.ZERO;
    while (position < trimmed.length()) {
      if (!matcher.find(position) || matcher.start() != position) {
        throw new IllegalArgumentException(
            "expected a duration such as 90s, 5m, 1h30m or 1d (units w, d, h, m, s), found '"
                + text
                + "'");
      }
      int unit = UNIT_ORDER.indexOf(matcher.group(2));
      if (unit <= lastUnit) {
        throw new IllegalArgumentException(
            "the units of a duration go from the largest to the smallest, each once (1h30m), found '"
                + text
                + "'");
      }
      lastUnit = unit;
      total = total.plus(component(matcher.group(1), matcher.group(2), text));
      if (total.compareTo(LONGEST) > 0) {
        throw new IllegalArgumentException(
            "a duration longer than 10 years is surely a mistake, found '" + text + "'");
      }
      position = matcher.end();
    }
    return total;
  }

  private static boolean isWellFormed(String candidate) {
    try {
      parse(candidate);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Duration component(String digits, String unit, String whole) {
    long amount;
    try {
      amount = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a duration longer than 10 years is surely a mistake, found '" + whole + "'");
    }
    if (amount > LONGEST.toSeconds()) {
      throw new IllegalArgumentException(
          "a duration longer than 10 years is surely a mistake, found '" + whole + "'");
    }
    return switch (unit) {
      case "w" -> Duration.ofDays(7 * amount);
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> throw new IllegalStateException("unit " + unit);
    };
  }

  /**
   * Formats a duration in the same syntax, largest units first ({@code 1h30m}); sub-second parts
   * are shown in milliseconds because signals carry instants, not whole seconds.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long seconds = duration.toSeconds();
    long[] sizes = {7 * 86400L, 86400L, 3600L, 60L, 1L};
    for (int i = 0; i < sizes.length; i++) {
      long amount = seconds / sizes[i];
      if (amount > 0) {
        text.append(amount).append(UNIT_ORDER.get(i));
        seconds -= amount * sizes[i];
      }
    }
    int millis = duration.toMillisPart();
    if (millis > 0) {
      text.append(millis).append("ms");
    }
    return text.toString();
  }
}
