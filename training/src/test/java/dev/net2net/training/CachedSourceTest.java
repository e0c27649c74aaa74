package dev.net2net.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import dev.net2net.training.seed.SeedShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds sized from a colour-image schema train on rows streamed from a cache. */
class CachedSourceTest {
  @TempDir Path dir;

  private static final ImageShape SHAPE = new ImageShape(12, 10, 3, false);

  /** Images whose class is their dominant channel (0 red, 1 green, 2 blue). */
  private CacheFile images(int count, double holdout) {
    Random random = new Random(3);
    return ShardCache.build(
        dir.resolve("colours.cache"),
        "colours",
        HoldoutRule.fraction(holdout),
        sink -> {
          sink.begin(RowLayout.image(SHAPE, 3));
          byte[] pixels = new byte[SHAPE.pixels()];
          int plane = 12 * 10;
          for (int i = 0; i < count; i++) {
            int label = i % 3;
            for (int p = 0; p < pixels.length; p++) {
              int channel = p / plane;
              pixels[p] = (byte) ((channel == label ? 150 : 40) + random.nextInt(60));
            }
            sink.row(pixels, label);
          }
          return count;
        });
  }

  @Test
  void everySeedIsSizedFromTheSchemaAndLearnsFromStreamedBatches() {
    CacheFile cache = images(600, 0.25);
    SeedShape shape = SeedShape.of(new DatasetSchema(SHAPE, Classes.counted(3)), 0);
    for (Seed seed :
        List.of(
            new Seed.Mlp(List.of(16), "relu", 0.01),
            new Seed.Cnn(List.of(4), 8, 0.01),
            new Seed.Inception(0.2, 1, 0.01))) {
      Model model = SeedModels.build(seed, 7, shape);
      BatchSource train = CachedSource.training(model, List.of(cache), Optional.empty());
      BatchSource validation = CachedSource.holdout(model, List.of(cache), Optional.empty());
      assertThat(train.rows() + validation.rows()).isEqualTo(600);
      TrainingLoop.Result result =
          TrainingLoop.train(
              model,
              train,
              validation,
              TrainingLoop.Settings.of(3, 32),
              TrainingLoop.Listener.none(),
              () -> false);
      // three classes told apart by their dominant colour: far above chance (1/3) after three
      // epochs
      assertThat(result.best().accuracy()).as(seed.toString()).isGreaterThan(0.8);
    }
  }

  @Test
  void anEpochVisitsEveryTrainingRowOnceWhateverTheBatchSize() {
    CacheFile cache = images(257, 0.2);
    Model model =
        SeedModels.build(
            new Seed.Mlp(List.of(4), "relu", 0.01),
            1,
            SeedShape.of(new DatasetSchema(SHAPE, Classes.counted(3)), 0));
    BatchSource train = CachedSource.training(model, List.of(cache), Optional.empty());
    for (int batch : new int[] {1, 10, 64, 1000}) {
      long rows = 0;
      try (MiniBatches pass = train.shuffled(batch, new Random(batch))) {
        assertThat(pass.count()).isEqualTo((int) ((train.rows() + batch - 1) / batch));
        while (pass.hasNext()) {
          rows += pass.next().numExamples();
        }
      }
      assertThat(rows).isEqualTo(train.rows());
    }
  }
}
