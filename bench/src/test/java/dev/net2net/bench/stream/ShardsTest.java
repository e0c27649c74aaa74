package dev.net2net.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.training.seed.Seed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ShardsTest {
  private static StreamSettings stream(int shards, int rows) {
    return new StreamSettings(
        "mlp",
        "fashion-mlp",
        new Seed.Mlp(List.of(16), "relu", 1e-3),
        new DaemonConfig.SeedTraining(1, 64),
        Path.of("policies/examples/demo.yaml"),
        shards,
        rows,
        100,
        Duration.ofMinutes(1),
        Duration.ofSeconds(20),
        1,
        Duration.ofMinutes(1));
  }

  private static List<Integer> firstImages(StreamSettings s, long seed) {
    List<Integer> firsts = new ArrayList<>();
    for (int shard = 0; shard < s.shards(); shard++) {
      firsts.add(DaemonArm.Shards.firstImage(s, seed, shard));
    }
    return firsts;
  }

  @Property
  void everyShardLiesInTheFileAndNoTwoSeedsReplayTheSameStream(
      @ForAll @IntRange(min = 2, max = 10) int shards,
      @ForAll @IntRange(min = 100, max = 6_000) int rows,
      @ForAll @LongRange(min = 1, max = 5) long seed) {
    StreamSettings s = stream(shards, rows);
    List<Integer> mine = firstImages(s, seed);
    for (int first : mine) {
      assertThat(first).isBetween(0, DaemonArm.Shards.TRAINING_IMAGES - rows);
    }
    // Within a stream the shards are distinct images as long as the file holds them all.
    if ((long) shards * rows <= DaemonArm.Shards.TRAINING_IMAGES) {
      assertThat(mine).doesNotHaveDuplicates();
    }
    // The next seed's stream differs unless a stream goes round the file a whole number of times.
    if (shards % (DaemonArm.Shards.TRAINING_IMAGES / rows) != 0) {
      assertThat(firstImages(s, seed + 1)).isNotEqualTo(mine);
    }
  }

  @Test
  void smallStreamsKeepTheirWindowsAndLargeOnesWrap() {
    // 8 x 600: seed 2 starts right after seed 1's 4,800 images (as the committed pages were run).
    assertThat(firstImages(stream(8, 600), 2).get(0)).isEqualTo(4_800);
    // 8 x 6,000 (48,000 of 60,000): seed 2 takes the last 2 shards of the file, then wraps.
    assertThat(firstImages(stream(8, 6_000), 2))
        .containsExactly(48_000, 54_000, 0, 6_000, 12_000, 18_000, 24_000, 30_000);
  }
}
