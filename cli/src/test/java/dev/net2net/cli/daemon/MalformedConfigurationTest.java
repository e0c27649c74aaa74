package dev.net2net.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.cli.Net2NetCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configuration shapes an operator gets wrong, given to {@code net2net daemon --config}: each is
 * refused before anything starts, with exit code 2 and the place (file:line:column) and what was
 * expected, never an internal error (exit 3).
 */
class MalformedConfigurationTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "models: [{name: m, validation: {file: [a, b]}}]  | daemon.yaml:1:39: models[0].validation.file must be a single value",
        "models: [{name: m, seed: {import: [a, b]}}]      | daemon.yaml:1:35: models[0].seed.import must be a single value",
        "models: []                                       | daemon.yaml:1:9: 'models' is empty: at least one model is needed",
        "http: {port: 8080}                               | daemon.yaml:1:1: 'models' is missing: at least one model is needed",
        "models: {name: m}                                | daemon.yaml:1:9: models must be a list",
        "models: [{name: m}]\\nworker: {lease: 20s, heartbeat: 30s} | daemon.yaml:2:9: worker.heartbeat (PT30S) must be shorter than worker.lease (PT20S)",
      })
  void isRefusedWithExitCode2AndThePlace(String yaml, String expected) throws Exception {
    Path config = dir.resolve("daemon.yaml");
    Files.writeString(config, yaml.replace("\\n", "\n").strip() + "\n");
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Net2NetCommand.run(new String[] {"daemon", "--config", config.toString()});
    } finally {
      System.setErr(originalErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(2);
    assertThat(stderr)
        .contains(
            config.getParent().resolve(expected.substring(0, expected.indexOf(':'))).toString()
                + expected.substring(expected.indexOf(':')));
    assertThat(stderr).doesNotContain("internal error").doesNotContain("Exception");
  }
}
