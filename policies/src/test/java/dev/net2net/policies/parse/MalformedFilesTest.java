package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.net2net.policies.validate.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in test resources {@code malformed/} is refused with a precise message: the index
 * {@code malformed/expectations.tsv} names the line (and column) and a fragment of the message
 * expected there. The files cover syntax errors, binary garbage, wrong types, unknown and misspelt
 * keys, bad durations, contradictory settings and empty files.
 */
class MalformedFilesTest {

  record Expectation(String file, int line, int column, String fragment) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Expectation> expectations() throws IOException {
    String index = new String(resource("expectations.tsv"), StandardCharsets.UTF_8);
    return index
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(
            line -> {
              String[] parts = line.split("\t", 3);
              String[] where = parts[1].split(":");
              return new Expectation(
                  parts[0],
                  Integer.parseInt(where[0]),
                  where.length > 1 ? Integer.parseInt(where[1]) : 0,
                  parts[2]);
            })
        .toList()
        .stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void isRefusedWithAPreciseMessage(Expectation expected) throws IOException {
    byte[] content = resource(expected.file());

    LoadResult[] result = new LoadResult[1];
    assertThatCode(() -> result[0] = PolicyLoader.parse(expected.file(), content))
        .doesNotThrowAnyException();

    List<Diagnostic> errors = result[0].errors();
    String report = errors.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
    assertThat(result[0].isValid()).as("valid?\n" + report).isFalse();
    assertThat(result[0].policies()).isEmpty();
    assertThat(errors)
        .as(
            "expected an error at %d:%d containing \"%s\", got:\n%s",
            expected.line(), expected.column(), expected.fragment(), report)
        .anySatisfy(
            error -> {
              assertThat(error.location().file()).isEqualTo(expected.file());
              assertThat(error.location().line()).isEqualTo(expected.line());
              if (expected.column() > 0) {
                assertThat(error.location().column()).isEqualTo(expected.column());
              }
              assertThat(error.message()).contains(expected.fragment());
            });
    assertThat(errors)
        .allSatisfy(
            error -> {
              assertThat(error.format())
                  .startsWith(expected.file() + ":" + error.location().line() + ":");
              assertThat(error.message()).doesNotContain("Exception").doesNotContain("\tat ");
            });
  }

  @Test
  void theIndexHasAtLeastFortyCases() throws IOException {
    assertThat(expectations().count()).isGreaterThanOrEqualTo(40);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = MalformedFilesTest.class.getResourceAsStream("/malformed/" + name)) {
      return Objects.requireNonNull(in, "missing test resource malformed/" + name).readAllBytes();
    }
  }
}
