package dev.net2net.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelFiles;
import dev.net2net.registry.RegistryFixture;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.training.Evaluations;
import dev.net2net.training.Examples;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.EngineChoice;
import dev.net2net.training.engine.TrainingEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One candidate trained on Spark's local-cluster mode: two executor JVMs of one core and 1 GB each,
 * started by Spark's standalone worker from {@code SPARK_HOME} (an empty {@code jars} folder the
 * build points at; the executors get this JVM's classpath).
 */
class SparkEngineTest {
  private static final String CLUSTER = "local-cluster[2,1,1024]";
  private final LabeledImages train = Probes.fashionTrain().slice(0, 3000);
  private final LabeledImages validation = Probes.fashionTest().slice(0, 1000);

  @BeforeAll
  static void sparkHome() throws Exception {
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
  }

  @AfterAll
  static void stop() {
    SparkEngine.stopContext();
  }

  private static MultiLayerNetwork mlp() {
    return Nets.chain(
        new Adam(1e-3),
        Nets.flat(),
        new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build());
  }

  @Test
  void aCandidateTrainedOnALocalClusterImprovesAndTheRegistryStoresIt(@TempDir Path artifacts) {
    MultiLayerNetwork net = mlp();
    Examples validationRows = Examples.forModel(net, validation);
    ModelEvaluation before = Evaluations.evaluate(net, validationRows);
    SparkEngine engine =
        (SparkEngine) TrainingEngines.open(new EngineChoice("spark", Map.of("master", CLUSTER)));
    assertThat(engine.workers()).isEqualTo(2);

    List<TrainingLoop.EpochReport> epochs = new ArrayList<>();
    TrainingLoop.Result result =
        TrainingLoop.train(
            engine,
            net,
            Examples.forModel(net, train),
            validationRows,
            TrainingLoop.Settings.of(2, 64),
            epochs::add,
            () -> false);

    assertThat(epochs).hasSize(2);
    assertThat(epochs).allSatisfy(e -> assertThat(e.trainLoss()).isFinite().isPositive());
    // From chance (about 0.1) to well above it: 3,000 images, two epochs, averaged every 5 batches.
    assertThat(result.best().accuracy()).isGreaterThan(before.accuracy() + 0.3);
    // The driver's model holds the averaged weights the loop measured.
    assertThat(Evaluations.evaluate(net, validationRows)).isEqualTo(result.best());

    try (RegistryFixture registry = new RegistryFixture("spark", artifacts)) {
      registry.registry.models().getOrCreate(new ModelName("spark-mlp"), "trained on Spark");
      Path zip = artifacts.resolve("trained.zip");
      ModelFiles.save(net, zip);
      ModelVersion stored =
          registry
              .registry
              .versions()
              .register(
                  NewVersion.seed(
                      new ModelName("spark-mlp"),
                      "dense 784-64-10",
                      net.numParams(),
                      RegistryFixture.DATA),
                  ArtifactSource.ofFile(zip));
      Model loaded =
          ModelFiles.load(registry.registry.versions().verifiedArtifactPath(stored.ref()));
      assertThat(Evaluations.evaluate(loaded, validationRows)).isEqualTo(result.best());
    }
  }

  @Test
  void aCancelledTrainingStopsWithinTheEpochItIsCancelledIn() {
    MultiLayerNetwork net = mlp();
    SparkEngine engine = new SparkEngine(new SparkSettings(CLUSTER, 5));
    List<TrainingLoop.EpochReport> epochs = new ArrayList<>();
    assertThatThrownBy(
            () ->
                TrainingLoop.train(
                    engine,
                    net,
                    Examples.forModel(net, train),
                    Examples.forModel(net, validation),
                    TrainingLoop.Settings.of(5, 64),
                    epochs::add,
                    () -> !epochs.isEmpty()))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("epoch 2");
    assertThat(epochs).hasSize(1);
  }

  @Test
  void theEngineIsFoundOnTheClasspath() {
    assertThat(TrainingEngines.available()).containsExactly("in-process", "spark");
  }
}
