package dev.net2net.datasets.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.split.HoldoutRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

class CacheBatchesTest {
  @TempDir Path dir;

  private List<CacheFile> shards(int... sizes) {
    List<CacheFile> files = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      files.add(Rows.cache(dir, s, sizes[s], HoldoutRule.fraction(0.2)));
    }
    return files;
  }

  /**
   * The ids (feature 0) of every row one epoch yields, checking each row's other values on the way.
   */
  private static List<Float> epoch(CacheBatches batches, int batchSize) {
    List<Float> ids = new ArrayList<>();
    while (batches.hasNext()) {
      DataSet d = batches.next();
      INDArray x = d.getFeatures();
      INDArray y = d.getLabels();
      assertThat(x.size(0)).isLessThanOrEqualTo(batchSize);
      for (int r = 0; r < x.size(0); r++) {
        float id = x.getFloat(r, 0);
        assertThat(x.getFloat(r, 1)).isEqualTo(id * 0.5f);
        assertThat(x.getFloat(r, 2)).isEqualTo(7f);
        int row = Math.round(id % 1_000_000f);
        assertThat(y.getRow(r).argMax().getInt(0)).isEqualTo(row % 3);
        assertThat(y.getRow(r).sumNumber().floatValue()).isEqualTo(1f);
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void everyTrainingRowOnceAnEpochAndNoHeldOutRowEver() {
    List<CacheFile> files = shards(1000, 0, 37, 2500, 1);
    long trainRows = files.stream().mapToLong(CacheFile::trainRows).sum();
    long holdoutRows = files.stream().mapToLong(CacheFile::holdoutRows).sum();
    assertThat(trainRows + holdoutRows).isEqualTo(3538);
    Set<Float> holdout =
        new HashSet<>(epoch(CacheBatches.holdout(files, 64, CacheBatches.Form.FLAT), 64));
    assertThat(holdout).hasSize((int) holdoutRows);

    try (CacheBatches training = CacheBatches.training(files, 64, 11, CacheBatches.Form.FLAT)) {
      List<Float> first = epoch(training, 64);
      assertThat(first)
          .hasSize((int) trainRows)
          .doesNotHaveDuplicates()
          .doesNotContainAnyElementsOf(holdout);
      training.reset();
      assertThat(training.epoch()).isEqualTo(1);
      List<Float> second = epoch(training, 64);
      assertThat(new HashSet<>(second)).isEqualTo(new HashSet<>(first));
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void theSameSeedAndEpochGiveTheSameBatches() {
    List<CacheFile> files = shards(300, 500);
    CacheBatches a = CacheBatches.training(files, 32, 5, CacheBatches.Form.FLAT);
    CacheBatches b = CacheBatches.training(files, 32, 5, CacheBatches.Form.FLAT);
    a.startEpoch(4);
    b.startEpoch(4);
    while (a.hasNext()) {
      assertThat(b.next().getFeatures()).isEqualTo(a.next().getFeatures());
    }
    assertThat(b.hasNext()).isFalse();
  }

  @Test
  void imageBatchesAreShapedForConvolutionsAndScaledToTheUnitInterval() {
    ImageShape shape = new ImageShape(4, 5, 3, false);
    CacheFile cache =
        ShardCache.build(
            dir.resolve("img.cache"),
            "img",
            HoldoutRule.none(),
            sink -> {
              sink.begin(RowLayout.image(shape, 2));
              byte[] pixels = new byte[60];
              for (int i = 0; i < 10; i++) {
                java.util.Arrays.fill(pixels, (byte) (i * 25));
                pixels[59] = (byte) 255;
                sink.row(pixels, i % 2);
              }
              return 10;
            });
    CacheBatches batches = CacheBatches.training(List.of(cache), 4, 1, CacheBatches.Form.IMAGE);
    DataSet d = batches.next();
    assertThat(d.getFeatures().shape()).containsExactly(4, 3, 4, 5);
    assertThat(d.getFeatures().getFloat(0, 2, 3, 4)).isEqualTo(1f);
    float v = d.getFeatures().getFloat(0, 0, 0, 0);
    assertThat(Math.round(v * 255) % 25).isZero();
  }

  @Test
  void streamedStatisticsMatchDl4jsOwnNormaliser() {
    List<CacheFile> files = shards(400, 900);
    RowSet rows = new RowSet(files, RowSet.Part.TRAINING);
    FeatureStatistics stats = FeatureStatistics.of(rows);
    assertThat(stats.count()).isEqualTo(rows.size());

    List<DataSet> all = new ArrayList<>();
    CacheBatches batches = new CacheBatches(rows, 100, 0, false, CacheBatches.Form.FLAT);
    while (batches.hasNext()) {
      all.add(batches.next());
    }
    NormalizerStandardize fitted = new NormalizerStandardize();
    fitted.fit(DataSet.merge(all));
    NormalizerStandardize streamed = stats.normalizer();
    // float32 means of ids up to 1e6: a relative 1e-6 is the float rounding of the result itself
    for (int j = 0; j < 2; j++) {
      double mean = fitted.getMean().getDouble(j);
      assertThat(streamed.getMean().getDouble(j))
          .isCloseTo(mean, org.assertj.core.data.Offset.offset(Math.abs(mean) * 1e-6));
      double std = fitted.getStd().getDouble(j);
      assertThat(streamed.getStd().getDouble(j))
          .isCloseTo(std, org.assertj.core.data.Offset.offset(std * 1e-5));
    }
    assertThat(stats.std()[2]).isZero();
    DataSet batch = CacheBatches.training(files, 50, 3, CacheBatches.Form.FLAT).next();
    streamed.transform(batch);
    assertThat(batch.getFeatures().getColumn(2).sumNumber().doubleValue())
        .isZero(); // a constant feature becomes 0
    assertThat(Nd4j.create(new float[] {1}).getFloat(0)).isEqualTo(1f);
  }
}
