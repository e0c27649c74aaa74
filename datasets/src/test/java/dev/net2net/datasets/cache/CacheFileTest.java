package dev.net2net.datasets.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.datasets.stream.Rows;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFileTest {
  @TempDir Path dir;

  @Test
  void holdsFixedWidthRowsBehindAHeaderTrainingFirst() throws IOException {
    CacheFile cache = Rows.cache(dir, 1, 1000, HoldoutRule.fraction(0.25));
    RowLayout layout = cache.layout();
    assertThat(layout.rowBytes()).isEqualTo(3 * 4 + 4);
    assertThat(cache.trainRows() + cache.holdoutRows()).isEqualTo(1000);
    assertThat(Files.size(cache.path())).isEqualTo(CacheHeader.SIZE + 1000L * 16);
    CacheFile reopened = CacheFile.openVerified(cache.path());
    assertThat(reopened.header()).isEqualTo(cache.header());
    assertThat(reopened.header().source()).isEqualTo("source-1");
    assertThat(dir.toFile().list()).containsExactly("shard-1.cache");
  }

  @Test
  void imageRowsAreOneBytePerSample() {
    var shape = new dev.net2net.datasets.schema.ImageShape(5, 7, 3, false);
    CacheFile cache =
        ShardCache.build(
            dir.resolve("img.cache"),
            "img",
            HoldoutRule.none(),
            sink -> {
              sink.begin(RowLayout.image(shape, 10));
              sink.row(new byte[105], 9);
              return 1;
            });
    assertThat(cache.layout().rowBytes()).isEqualTo(105 + 4);
    assertThat(CacheFile.openVerified(cache.path()).layout().image()).contains(shape);
  }

  @Test
  void twoWritersOfOneShardAtOnceBothFinishWithTheSameCache() {
    // Two daemons sharing one home convert the same new shard at the same moment.
    Path target = dir.resolve("shared.cache");
    RowLayout layout = RowLayout.tabular(List.of("a", "b"), 3);
    try (CacheWriter first = new CacheWriter(target, HoldoutRule.none(), "shared");
        CacheWriter second = new CacheWriter(target, HoldoutRule.none(), "shared")) {
      first.begin(layout);
      second.begin(layout);
      for (int i = 0; i < 100; i++) {
        first.row(new float[] {i, -i}, i % 3);
        second.row(new float[] {i, -i}, i % 3);
      }
      CacheFile a = first.finish();
      CacheFile b = second.finish();
      assertThat(a.header()).isEqualTo(b.header());
    }
    assertThat(CacheFile.openVerified(target).trainRows()).isEqualTo(100);
    assertThat(dir.toFile().list()).containsExactly("shared.cache");
  }

  @Test
  void aFlippedByteAnywhereInTheRowsIsDetected() throws IOException {
    CacheFile cache = Rows.cache(dir, 1, 500, HoldoutRule.none());
    try (RandomAccessFile f = new RandomAccessFile(cache.path().toFile(), "rw")) {
      long at = CacheHeader.SIZE + 16L * 321 + 5;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
    assertThat(CacheFile.openHeader(cache.path()).trainRows())
        .isEqualTo(500); // the header alone is intact
    assertThatThrownBy(() -> CacheFile.openVerified(cache.path()))
        .isInstanceOf(CacheException.class)
        .hasMessage(cache.path() + ": rows checksum mismatch (the file is corrupt)");
  }

  @Test
  void aDamagedHeaderOrATruncatedFileIsDetected() throws IOException {
    CacheFile cache = Rows.cache(dir, 1, 100, HoldoutRule.none());
    try (RandomAccessFile f = new RandomAccessFile(cache.path().toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    assertThatThrownBy(() -> CacheFile.openVerified(cache.path()))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            cache.path()
                + ": 1853 bytes, but its header promises 100 rows of 16 bytes (1856 bytes)");
    try (RandomAccessFile f = new RandomAccessFile(cache.path().toFile(), "rw")) {
      f.seek(40);
      f.write(99);
    }
    assertThatThrownBy(() -> CacheFile.openVerified(cache.path()))
        .isInstanceOf(CacheException.class)
        .hasMessage(cache.path() + ": header checksum mismatch");
    Files.writeString(cache.path(), "hello");
    assertThatThrownBy(() -> CacheFile.openVerified(cache.path()))
        .isInstanceOf(CacheException.class)
        .hasMessage(cache.path() + ": shorter than a cache header (5 bytes)");
  }

  @Test
  void ensureUsesAnIntactCacheAndRebuildsACorruptOrStaleOne() throws IOException {
    Path path = dir.resolve("s.cache");
    AtomicInteger conversions = new AtomicInteger();
    java.util.function.Supplier<dev.net2net.datasets.read.ShardReader> reader =
        () -> {
          conversions.incrementAndGet();
          return Rows.table(4, 200, 3);
        };
    ShardCache.Ensured first = ShardCache.ensure(path, "sha-a", HoldoutRule.fraction(0.1), reader);
    assertThat(first.built()).isTrue();
    assertThat(first.rebuiltBecause()).isEmpty();
    ShardCache.Ensured again = ShardCache.ensure(path, "sha-a", HoldoutRule.fraction(0.1), reader);
    assertThat(again.built()).isFalse();
    assertThat(conversions).hasValue(1);

    try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
      f.seek(CacheHeader.SIZE + 17);
      f.write(0xFF);
    }
    ShardCache.Ensured repaired =
        ShardCache.ensure(path, "sha-a", HoldoutRule.fraction(0.1), reader);
    assertThat(repaired.built()).isTrue();
    assertThat(repaired.rebuiltBecause())
        .contains(path + ": rows checksum mismatch (the file is corrupt)");
    assertThat(CacheFile.openVerified(path).header()).isEqualTo(first.file().header());

    ShardCache.Ensured otherRule =
        ShardCache.ensure(path, "sha-a", HoldoutRule.fraction(0.3), reader);
    assertThat(otherRule.rebuiltBecause())
        .contains(path + ": built under another holdout rule (fraction 0.1)");
    ShardCache.Ensured otherSource =
        ShardCache.ensure(path, "sha-b", HoldoutRule.fraction(0.3), reader);
    assertThat(otherSource.rebuiltBecause()).contains(path + ": built from another source (sha-a)");
    assertThat(conversions).hasValue(4);
  }

  @Test
  void aRefusedShardLeavesNoFileBehind() {
    Path path = dir.resolve("bad.cache");
    assertThatThrownBy(
            () ->
                ShardCache.build(
                    path,
                    "x",
                    HoldoutRule.fraction(0.5),
                    sink -> {
                      sink.begin(RowLayout.tabular(List.of("a"), 2));
                      sink.row(new float[] {1}, 0);
                      throw new DatasetException("bad.csv:3:1: column 'a': missing value");
                    }))
        .isInstanceOf(DatasetException.class)
        .hasMessage("bad.csv:3:1: column 'a': missing value");
    assertThat(dir.toFile().list()).isEmpty();
  }
}
