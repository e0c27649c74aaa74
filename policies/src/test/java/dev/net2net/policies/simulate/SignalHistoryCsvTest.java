package dev.net2net.policies.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.validate.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalHistoryCsvTest {

  static SignalHistoryCsv.Result parse(String text) {
    return SignalHistoryCsv.parse("h.csv", text);
  }

  @Test
  void readsEveryColumnSkippingCommentsAndBlankLines() {
    SignalHistoryCsv.Result result =
        parse(
            """
        # a recorded history
        timestamp,model,dataset_rows,parameters,champion_rows,champion,train_accuracy,val_accuracy,val_loss,manual

        2025-03-01T09:00:00Z,fashion-mlp,5000,100,4000,v1,0.9,0.85,0.4,
        2025-03-01T09:00:30Z,"fashion-mlp",6000,100,,v1,,0.86,,true
        2025-03-01T09:01:00Z,other,6000,100,,\"v \"\"2\"\"\",,,,deepen-now
        """);

    assertThat(result.errors()).isEmpty();
    assertThat(result.rows()).hasSize(3);
    SignalRow first = result.rows().get(0);
    assertThat(first.line()).isEqualTo(4);
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
    assertThat(first.championRows()).hasValue(4000);
    assertThat(first.train()).containsEntry("accuracy", 0.9);
    assertThat(first.validation()).containsEntry("accuracy", 0.85).containsEntry("loss", 0.4);
    assertThat(first.manualRequest()).isEmpty();
    SignalRow second = result.rows().get(1);
    assertThat(second.championRows()).isEmpty();
    assertThat(second.validation()).containsOnlyKeys("accuracy");
    assertThat(second.manualRequest()).hasValueSatisfying(r -> assertThat(r.rule()).isEmpty());
    SignalRow third = result.rows().get(2);
    assertThat(third.model()).hasValue("other");
    assertThat(third.champion()).hasValue("v \"2\"");
    assertThat(third.manualRequest())
        .hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(Optional.of("deepen-now")));
    assertThat(third.hasMetrics()).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                            | h.csv:1:1: error: the history is empty",
        "timestamp,dataset_rows,parameters                             | h.csv:1:1: error: the history has a header but no rows",
        "timestamp,dataset_rows\\n2025-03-01T09:00:00Z,1               | h.csv:1:1: error: the header has no 'parameters' column",
        "timestamp,dataset_rows,parameters,parameters\\nx              | h.csv:1:35: error: column 'parameters' appears twice",
        "timestamp,dataset_rows,parameters,acc\\n                      | h.csv:1:35: error: unknown column 'acc'",
        "timestamp,dataset_rows,parameters\\n2025-03-01T09:00:00Z,1     | h.csv:2:1: error: expected 3 fields as in the header, found 2",
        "timestamp,dataset_rows,parameters\\n2025-03-01,1,1            | h.csv:2:1: error: timestamp: expected an ISO-8601 instant",
        "timestamp,dataset_rows,parameters\\n2025-03-01T09:00:00Z,-1,1 | h.csv:2:22: error: dataset_rows: expected a whole number >= 0, found '-1'",
        "timestamp,dataset_rows,parameters\\n2025-03-01T09:00:00Z,1,\"2 | h.csv:2:24: error: a quoted field is not closed",
        "timestamp,dataset_rows,parameters,manual\\n2025-03-01T09:00:00Z,1,1,why not? | h.csv:2:26: error: manual: expected empty, true, false or a rule name",
        "timestamp,dataset_rows,parameters,val_loss\\n2025-03-01T09:00:00Z,1,1,NaN | h.csv:2:26: error: val_loss: expected a number or an empty cell, found 'NaN'",
        "timestamp,dataset_rows,parameters\\n2025-03-01T09:00:10Z,1,1\\n2025-03-01T09:00:00Z,1,1 | h.csv:3:1: error: timestamp 2025-03-01T09:00:00Z is earlier than the row before",
      })
  void reportsABadHistoryAtTheLineAndColumnOfTheProblem(String text, String expected) {
    SignalHistoryCsv.Result result = parse(text.replace("\\n", "\n"));

    assertThat(result.isValid()).isFalse();
    assertThat(result.rows()).isEmpty();
    assertThat(result.errors())
        .extracting(Diagnostic::format)
        .anySatisfy(line -> assertThat(line).startsWith(expected));
  }

  @Test
  void refusesBinaryContent() {
    byte[] nul = "timestamp,dataset_rows,parameters\n2025\u0000".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = {'t', (byte) 0xE9, '\n'};

    assertThat(SignalHistoryCsv.parse("h.csv", nul).errors())
        .extracting(Diagnostic::format)
        .containsExactly("h.csv:2:5: error: not a text file: found a NUL byte; expected CSV text");
    assertThat(SignalHistoryCsv.parse("h.csv", latin1).errors())
        .extracting(Diagnostic::message)
        .containsExactly("not a text file: the history is not UTF-8; expected CSV text");
  }
}
