package dev.net2net.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.training.engine.TrainingEngineProvider.OptionProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSettingsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static List<String> problems(Map<String, String> options, Map<String, String> env) {
    return SparkSettings.read(options, env).problems().stream()
        .map(OptionProblem::message)
        .toList();
  }

  @Test
  void theDefaultsAreEveryCoreOfThisJvmAndAveragingEveryFiveBatches() {
    assertThat(SparkSettings.read(Map.of(), NO_ENV).settings())
        .contains(new SparkSettings("local[*]", 5));
  }

  @Test
  void mastersSparkUnderstandsAreAccepted() {
    for (String master :
        List.of("local", "local[2]", "local[*]", "local[4,2]", "spark://h:7077", "yarn")) {
      assertThat(problems(Map.of("master", master), NO_ENV)).as(master).isEmpty();
    }
  }

  @Test
  void aWrongMasterSaysWhatWouldBeAccepted() {
    assertThat(problems(Map.of("master", "local-cluster[2]"), NO_ENV))
        .containsExactly(
            "training.master must be local, local[N], local[*], local-cluster[N,cores,memoryMB],"
                + " spark://host:port, k8s://... or yarn, found 'local-cluster[2]'");
  }

  @Test
  void localClusterNeedsSparkHomeWithAJarsFolder(@TempDir Path home) throws Exception {
    Map<String, String> master = Map.of("master", "local-cluster[2,1,1024]");
    assertThat(problems(master, NO_ENV))
        .singleElement()
        .asString()
        .contains("needs the environment variable SPARK_HOME")
        .contains("it is not set");
    assertThat(problems(master, Map.of("SPARK_HOME", home.toString())))
        .singleElement()
        .asString()
        .contains(home.resolve("jars") + " is not a folder");
    Files.createDirectories(home.resolve("jars"));
    assertThat(problems(master, Map.of("SPARK_HOME", home.toString()))).isEmpty();
  }

  @Test
  void aBadAveragingFrequencyAndAnUnknownKeyAreBothReported() {
    assertThat(problems(Map.of("averagingFrequency", "0", "executors", "2"), NO_ENV))
        .containsExactlyInAnyOrder(
            "training.averagingFrequency must be a whole number 1..10000, found '0'",
            "unknown key 'training.executors' for the spark engine; expected one of "
                + SparkSettings.KEYS.keySet()
                + " or engine");
  }

  @Test
  void aLocalClusterGivesItsExecutorsTheMemoryItsWorkersHave() {
    var conf = SparkContexts.conf(new SparkSettings("local-cluster[2,1,512]", 5));
    assertThat(conf.get("spark.executor.memory")).isEqualTo("512m");
    assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.executor.extraClassPath").split(java.io.File.pathSeparator))
        .isNotEmpty()
        .allSatisfy(entry -> assertThat(java.nio.file.Path.of(entry)).isAbsolute());
  }
}
