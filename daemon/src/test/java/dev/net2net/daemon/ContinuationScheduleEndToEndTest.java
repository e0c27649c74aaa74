package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.MODEL;
import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.continuation.Decay;
import dev.net2net.continuation.LearningRates;
import dev.net2net.continuation.RateSchedule;
import dev.net2net.io.ModelFiles;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.Metric;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * The policy's {@code training.continuation} is what the grown candidate trains with: the daemon
 * records the rate its next step would use at the end of every epoch ({@code train.learning_rate}),
 * and those rates are the configured warm-up and cosine from the configured fraction of the
 * parent's rate; the registered version keeps its parent's rate.
 */
class ContinuationScheduleEndToEndTest {
  private static final ModelName NAME = new ModelName(MODEL);
  private static final double SCALE = 0.5;
  private static final double WARMUP = 0.2;
  private static final int EPOCHS = 3;

  private static String policy() {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: cosine}
        spec:
          model: %s
          rules:
            - name: widen-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {layers: all-hidden, factor: 2}}
          training:
            learningRateScale: %s
            epochs: %d
            batchSize: 64
            continuation: {schedule: cosine, warmup: %s, optimizerState: carry}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1s, maxGrowthsPerDay: 1000, maxConsecutiveFailures: 100}
        """,
        MODEL,
        SCALE,
        EPOCHS,
        WARMUP);
  }

  @Test
  void theGrownCandidateTrainsWithTheConfiguredScheduleAndKeepsItsParentsRate() throws Exception {
    try (DaemonHarness harness = DaemonHarness.create("continuation", policy())) {
      harness.drip(1000);
      harness.start("worker-a");
      Registry registry = harness.registry();
      await(
          Duration.ofMinutes(2),
          "the seed version",
          () ->
              registry.models().find(NAME).isPresent()
                  && !registry.versions().list(NAME).isEmpty());
      harness.drip(1000);
      await(
          Duration.ofMinutes(2),
          "a grown version",
          () -> registry.versions().list(NAME).size() >= 2);
      ModelVersion seed = registry.versions().get(new VersionRef(NAME, 1));
      ModelVersion grown = registry.versions().get(new VersionRef(NAME, 2));
      double parentRate = rate(registry, seed);
      List<Double> rates =
          registry.versions().metrics(grown.ref()).stream()
              .filter(m -> m.split().equals("train") && m.name().equals("learning_rate"))
              .sorted(java.util.Comparator.comparingInt(m -> m.epoch().orElseThrow()))
              .map(Metric::value)
              .toList();
      assertThat(rates).hasSize(EPOCHS);
      // After epoch e the next step is e x B (B batches an epoch, from the training rows the
      // daemon held out of validation): some B makes every recorded rate the configured schedule.
      RateSchedule shape = new RateSchedule(Decay.COSINE, WARMUP);
      assertThat(
              LongStream.rangeClosed(1, 1000)
                  .filter(
                      b -> {
                        for (int e = 1; e <= EPOCHS; e++) {
                          double expected = parentRate * SCALE * shape.factor(e * b, EPOCHS * b);
                          if (Math.abs(rates.get(e - 1) - expected) > 1e-9) {
                            return false;
                          }
                        }
                        return true;
                      })
                  .findFirst())
          .as("recorded rates %s against a parent rate of %s", rates, parentRate)
          .isPresent();
      assertThat(rates.get(0)).isGreaterThan(rates.get(1));
      assertThat(rates.get(EPOCHS - 1)).isLessThan(0.01 * SCALE * parentRate);
      assertThat(rate(registry, grown))
          .as("the version keeps its parent's rate")
          .isCloseTo(parentRate, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  private static double rate(Registry registry, ModelVersion version) {
    var model =
        (MultiLayerNetwork)
            ModelFiles.load(registry.versions().verifiedArtifactPath(version.ref()));
    return LearningRates.rate(model.getLayer(0).conf().getLayer(), 0, 0).orElseThrow();
  }
}
