package dev.net2net.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.training.engine.EngineChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's {@code training.engine}. The daemon's tests run without the spark module on the
 * classpath, as the default build does; the spark module's own tests cover its keys.
 */
class EngineSettingsTest {
  @TempDir Path dir;

  private DaemonConfig load(String yaml) throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, Map.of("NET2NET_HOME", dir.toString()));
  }

  @Test
  void aModelTrainsInProcessUnlessItSaysOtherwise() throws Exception {
    assertThat(load("models: [{name: m}]\n").models().get(0).training())
        .isEqualTo(EngineChoice.inProcess());
    assertThat(
            load("models: [{name: m, training: {engine: in-process}}]\n")
                .models()
                .get(0)
                .training())
        .isEqualTo(EngineChoice.inProcess());
  }

  @Test
  void sparkWithoutTheSparkModuleOnTheClasspathSaysWhereItIsAndHowToGetIt() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    models:
                      - name: m
                        training: {engine: spark, master: "local-cluster[2,1,1024]"}
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            dir.resolve("daemon.yaml")
                + ":3:24: training.engine: training engine 'spark' is not on the classpath;"
                + " available: [in-process]; the spark engine is the spark module: build it with"
                + " `mvn -Pspark package`")
        .hasMessageContaining("spark/target/runtime-classpath.txt");
  }

  @Test
  void anUnknownEngineListsTheAvailableOnes() {
    assertThatThrownBy(() -> load("models: [{name: m, training: {engine: ray}}]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            ":1:39: training.engine: training engine 'ray' is not on the classpath; available:"
                + " [in-process]");
  }

  @Test
  void theInProcessEngineTakesNoOtherKeys() {
    assertThatThrownBy(() -> load("models: [{name: m, training: {master: \"local[2]\"}}]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            ":1:31: unknown key 'models[0].training.master'; expected one of [engine]");
  }
}
