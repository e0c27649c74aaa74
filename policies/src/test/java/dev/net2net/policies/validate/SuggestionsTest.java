package dev.net2net.policies.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

  static final List<String> GUARDS =
      List.of("cooldown", "maxGrowthsPerDay", "maxParameters", "maxConsecutiveFailures");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "cooldwn, cooldown",
    "coldown, cooldown",
    "cooldonw, cooldown",
    "Cooldown, cooldown",
    "max_growths_per_day, maxGrowthsPerDay",
    "max-parameters, maxParameters",
    "maxParameter, maxParameters",
    "maxConsecutiveFailure, maxConsecutiveFailures",
    "maxGrowthPerDay, maxGrowthsPerDay",
  })
  void suggestsTheIntendedKey(String written, String intended) {
    assertThat(Suggestions.closest(written, GUARDS)).hasValue(intended);
    assertThat(Suggestions.didYouMean(written, GUARDS))
        .isEqualTo("; did you mean '" + intended + "'?");
  }

  @ParameterizedTest(name = "{0} -> nothing")
  @CsvSource({"budget", "retries", "x", "parameters"})
  void staysQuietWhenNothingIsClose(String written) {
    assertThat(Suggestions.closest(written, GUARDS)).isEmpty();
    assertThat(Suggestions.didYouMean(written, GUARDS)).isEmpty();
  }

  @ParameterizedTest(name = "{0} / {1} = {2}")
  @CsvSource({"abc, abc, 0", "abc, acb, 1", "abc, ab, 1", "kitten, sitting, 3", "'', abc, 3"})
  void editDistanceCountsATranspositionAsOneEdit(String a, String b, int distance) {
    assertThat(Suggestions.editDistance(a, b)).isEqualTo(distance);
  }
}
