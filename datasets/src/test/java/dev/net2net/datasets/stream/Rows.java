package dev.net2net.datasets.stream;

import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.read.ShardReader;
import dev.net2net.datasets.split.HoldoutRule;
import java.nio.file.Path;
import java.util.List;

/**
 * Cache files of synthetic tabular rows for tests: row r of shard s has features (id, id*0.5, 7)
 * with id = s*1e6+r.
 */
public final class Rows {
  private Rows() {}

  public static float id(int shard, int row) {
    return shard * 1_000_000f + row;
  }

  public static ShardReader table(int shard, int rows, int classes) {
    return sink -> {
      sink.begin(RowLayout.tabular(List.of("id", "half", "constant"), classes));
      float[] f = new float[3];
      for (int r = 0; r < rows; r++) {
        f[0] = id(shard, r);
        f[1] = f[0] * 0.5f;
        f[2] = 7f;
        sink.row(f, r % classes);
      }
      return rows;
    };
  }

  public static CacheFile cache(Path dir, int shard, int rows, HoldoutRule rule) {
    return ShardCache.build(
        dir.resolve("shard-" + shard + ".cache"), "source-" + shard, rule, table(shard, rows, 3));
  }
}
