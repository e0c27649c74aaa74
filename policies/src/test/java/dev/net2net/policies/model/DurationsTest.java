package dev.net2net.policies.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}s")
  @CsvSource({
    "90s, 90",
    "5m, 300",
    "1h, 3600",
    "1h30m, 5400",
    "1d, 86400",
    "2w, 1209600",
    "1d2h3m4s, 93784",
    "0s, 0",
    "' 10m ', 600",
  })
  void parsesThePrometheusSyntax(String text, long seconds) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-5m        | cannot be negative",
        "600        | did you mean '600s'?",
        "1.5h       | whole numbers of units",
        "10M        | did you mean '10m'?",
        "30m1h      | from the largest to the smallest",
        "1h1h       | from the largest to the smallest",
        "10 minutes | expected a duration such as 90s",
        "5ms        | expected a duration such as 90s",
        "h          | expected a duration such as 90s",
        "99999w     | longer than 10 years",
        "99999999999999999999s | longer than 10 years",
      })
  void refusesWhatIsNotADurationWithAReason(String text, String reason) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}s formats as {1}")
  @CsvSource({"0, 0s", "90, 1m30s", "3600, 1h", "93784, 1d2h3m4s", "1209600, 2w"})
  void formatsBackInTheSameSyntax(long seconds, String text) {
    assertThat(Durations.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
