package dev.net2net.datasets.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.TabularShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
  @TempDir Path dir;

  private static final String SCHEMA =
      "message wine { required int64 id; required double alcohol; optional float ash;"
          + " required int32 hue; required binary kind (STRING); }";
  private static final TabularShape SHAPE =
      new TabularShape("kind", Features.named(List.of("alcohol", "ash", "hue")));
  private static final Classes CLASSES = Classes.named(ParquetFiles.CLASSES);

  private CollectingSink read(Path file, TabularShape shape, Classes classes) {
    CollectingSink sink = new CollectingSink();
    new ParquetReader(file, shape, classes).read(sink);
    return sink;
  }

  @Test
  void readsEveryRowOfEveryRowGroupWithStringLabels() throws IOException {
    for (CompressionCodecName codec :
        new CompressionCodecName[] {
          CompressionCodecName.UNCOMPRESSED,
          CompressionCodecName.SNAPPY,
          CompressionCodecName.GZIP,
          CompressionCodecName.ZSTD
        }) {
      Path f = dir.resolve("wine-" + codec + ".parquet");
      ParquetFiles.write(
          f,
          SCHEMA,
          5000,
          codec,
          16 << 10,
          (i, g) -> {
            g.add("id", (long) i);
            g.add("alcohol", i * 0.5);
            g.add("ash", (float) -i);
            g.add("hue", i % 7);
            g.add("kind", ParquetFiles.CLASSES.get(i % 3));
          });
      CollectingSink rows = read(f, SHAPE, CLASSES);
      assertThat(rows.labels).hasSize(5000);
      assertThat(rows.layout.columns()).containsExactly("alcohol", "ash", "hue");
      for (int i = 0; i < 5000; i += 997) {
        assertThat(rows.labels.get(i)).isEqualTo(i % 3);
        assertThat(rows.floats.get(i))
            .containsExactly((float) (i * 0.5), (float) -i, (float) (i % 7));
      }
    }
  }

  @Test
  void allFeaturesMeansEveryColumnButTheLabel() throws IOException {
    Path f = dir.resolve("all.parquet");
    ParquetFiles.write(
        f,
        "message t { required int32 label; required float a; required int64 b; }",
        3,
        CompressionCodecName.SNAPPY,
        1 << 20,
        (i, g) -> {
          g.add("label", i);
          g.add("a", 1.5f * i);
          g.add("b", (long) i * 10);
        });
    CollectingSink rows = read(f, new TabularShape("label", Features.all()), Classes.counted(3));
    assertThat(rows.labels).containsExactly(0, 1, 2);
    assertThat(rows.floats.get(2)).containsExactly(3f, 20f);
  }

  @Test
  void aNullFeatureIsRefusedWithItsRowAndColumn() throws IOException {
    Path f = dir.resolve("nulls.parquet");
    ParquetFiles.write(
        f,
        SCHEMA,
        10,
        CompressionCodecName.SNAPPY,
        1 << 20,
        (i, g) -> {
          g.add("id", (long) i);
          g.add("alcohol", 1.0);
          if (i != 6) {
            g.add("ash", 2f);
          }
          g.add("hue", 1);
          g.add("kind", "red");
        });
    assertThatThrownBy(() -> read(f, SHAPE, CLASSES))
        .isInstanceOf(DatasetException.class)
        .hasMessage(f + ": row 7 (row group 1), column 'ash': missing value (null)");
  }

  @Test
  void anUnknownLabelIsRefusedWithItsRow() throws IOException {
    Path f = dir.resolve("labels.parquet");
    ParquetFiles.write(
        f,
        SCHEMA,
        4,
        CompressionCodecName.SNAPPY,
        1 << 20,
        (i, g) -> {
          g.add("id", (long) i);
          g.add("alcohol", 1.0);
          g.add("ash", 2f);
          g.add("hue", 1);
          g.add("kind", i == 3 ? "orange" : "red");
        });
    assertThatThrownBy(() -> read(f, SHAPE, CLASSES))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            f
                + ": row 4 (row group 1), column 'kind': label 'orange' is not one of the classes [red, white, rose]");
  }

  @Test
  void wrongColumnsAreRefusedBeforeAnyRow() throws IOException {
    Path f = dir.resolve("types.parquet");
    ParquetFiles.write(
        f,
        "message t { required binary name (STRING); required double x; required binary kind (STRING); }",
        1,
        CompressionCodecName.SNAPPY,
        1 << 20,
        (i, g) -> {
          g.add("name", "n");
          g.add("x", 1.0);
          g.add("kind", "red");
        });
    assertThatThrownBy(() -> read(f, new TabularShape("kind", Features.all()), CLASSES))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            f
                + ": column 'name' holds BINARY (STRING); expected numbers (INT32, INT64, FLOAT, DOUBLE or DECIMAL)");
    assertThatThrownBy(() -> read(f, new TabularShape("cultivar", Features.all()), CLASSES))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            f + ": no label column 'cultivar' in the header; its columns are [name, x, kind]");
    assertThatThrownBy(
            () ->
                read(f, new TabularShape("x", Features.named(List.of("kind"))), Classes.counted(2)))
        .isInstanceOf(DatasetException.class)
        .hasMessage(f + ": column 'x' holds DOUBLE; expected a string or integer label");
  }

  @Test
  void aFileThatIsNotParquetIsRefused() throws IOException {
    Path f = dir.resolve("fake.parquet");
    Files.writeString(f, "a,b\n1,2\n");
    assertThatThrownBy(() -> read(f, SHAPE, CLASSES))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(f + ": cannot read as Parquet: ");
  }
}
