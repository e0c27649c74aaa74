package dev.net2net.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading probe rows from CSV, TSV and IDX files: what is read, and where a malformed file is
 * wrong.
 */
class ProbeRowsTest {
  @TempDir Path dir;

  @Test
  void aGzippedCsvWithAByteOrderMarkAndALabelColumnByNumberReadsOnlyTheRowsAskedFor()
      throws Exception {
    Path file = dir.resolve("rows.csv.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          "\uFEFFy,a,b\r\n0,1.5,2\r\n\r\n1,-3,4e-1\r\n2,5,6\r\n".getBytes(StandardCharsets.UTF_8));
    }
    ProbeRows rows = ProbeRows.read(file, Optional.of("1"), 2);
    assertThat(rows.rows().shape()).containsExactly(2, 2);
    assertThat(rows.rows().getFloat(0, 0)).isEqualTo(1.5f);
    assertThat(rows.rows().getFloat(1, 1)).isEqualTo(0.4f);
    assertThat(rows.description()).contains("2 rows of").contains("label column 'y' left out");
    assertThat(ProbeRows.read(file, Optional.of("y"), 10).rows().size(0)).isEqualTo(3);
  }

  @Test
  void unsignedByteIdxItemsAreScaledLikePixelsAndKeepTheirDimensions() throws Exception {
    Path file = dir.resolve("images-idx3-ubyte");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x0803);
      out.writeInt(3);
      out.writeInt(2);
      out.writeInt(2);
      out.write(new byte[] {0, (byte) 255, 51, 102, 0, 0, 0, 0, 1, 2, 3, 4});
    }
    ProbeRows rows = ProbeRows.read(file, Optional.empty(), 2);
    assertThat(rows.rows().shape()).containsExactly(2, 4);
    assertThat(rows.rows().getFloat(0, 1)).isEqualTo(1f);
    assertThat(rows.rows().getFloat(0, 2)).isEqualTo(0.2f);
    assertThat(rows.itemDims()).hasValueSatisfying(d -> assertThat(d).containsExactly(2, 2));
    assertThat(rows.source()).isEqualTo(ProbeSource.IDX);
  }

  @Test
  void malformedFilesAreRefusedWithTheirPlace() throws Exception {
    Path truncated = dir.resolve("short.idx");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(truncated))) {
      out.writeInt(0x0D02);
      out.writeInt(5);
      out.writeInt(3);
      out.writeFloat(1f);
    }
    assertThatThrownBy(() -> ProbeRows.read(truncated, Optional.empty(), 5))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("short.idx")
        .hasMessageContaining("ends before");
    Path labels = dir.resolve("labels.idx");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(labels))) {
      out.writeInt(0x0801);
      out.writeInt(2);
      out.write(new byte[] {1, 2});
    }
    assertThatThrownBy(() -> ProbeRows.read(labels, Optional.empty(), 5))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("label file");
    Path headerOnly = dir.resolve("empty.tsv");
    Files.writeString(headerOnly, "a\tb\n");
    assertThatThrownBy(() -> ProbeRows.read(headerOnly, Optional.empty(), 5))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("no rows");
    Path extra = dir.resolve("extra.csv");
    Files.writeString(extra, "a,b\n1,2,3\n");
    assertThatThrownBy(() -> ProbeRows.read(extra, Optional.empty(), 5))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("extra.csv:2:5")
        .hasMessageContaining("more values than the 2 columns");
  }
}
