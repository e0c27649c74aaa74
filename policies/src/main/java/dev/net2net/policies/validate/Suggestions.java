package dev.net2net.policies.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for misspelt keys and values. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to what was written, if it is close enough to be a likely typo. Spellings
   * that differ only in case, '_' or '-' ({@code max_growths_per_day}, {@code Cooldown}) always
   * match; otherwise up to one edit in four characters is allowed.
   */
  public static Optional<String> closest(String written, Collection<String> candidates) {
    String normalized = normalize(written);
    for (String candidate : candidates) {
      if (normalize(candidate).equals(normalized)) {
        return Optional.of(candidate);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(normalized, normalize(candidate));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(1, Math.min(written.length(), best.length()) / 4);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** " Did you mean 'x'?" or nothing: ready to append to a message. */
  public static String didYouMean(String written, Collection<String> candidates) {
    return closest(written, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  private static String normalize(String text) {
    return text.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Optimal string alignment distance: Levenshtein plus transpositions, the commonest typo. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
