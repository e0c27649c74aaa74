package dev.net2net.datasets.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.IdxFile;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.ImageShape;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /**
   * Images [n, h, w, c] whose sample (i, y, x, c) is (i + 3y + 5x + 7c) mod 256; labels i mod
   * classes.
   */
  private Path[] pair(String stem, int n, int h, int w, int c, int classes) {
    int[] dims = c == 1 ? new int[] {n, h, w} : new int[] {n, h, w, c};
    byte[] data = new byte[n * h * w * c];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            data[k++] = (byte) (i + 3 * y + 5 * x + 7 * ch);
          }
        }
      }
    }
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % classes);
    }
    Path images = dir.resolve(stem + "-images-idx" + (c == 1 ? 3 : 4) + "-ubyte.gz");
    Path labelFile = dir.resolve(stem + "-labels-idx1-ubyte.gz");
    new IdxFile(dims, data).writeGzip(images);
    new IdxFile(new int[] {n}, labels).writeGzip(labelFile);
    return new Path[] {images, labelFile};
  }

  @Test
  void readsColourImagesOfAnySizeChannelMajor() {
    Path[] files = pair("colour", 5, 6, 4, 3, 4);
    CollectingSink rows = new CollectingSink();
    long n =
        new IdxReader(files[0], files[1], new ImageShape(6, 4, 3, false), Classes.counted(4))
            .read(rows);
    assertThat(n).isEqualTo(5);
    assertThat(rows.layout.type()).isEqualTo(ElementType.UINT8);
    assertThat(rows.labels).containsExactly(0, 1, 2, 3, 0);
    byte[] third = rows.bytes.get(2);
    int plane = 6 * 4;
    for (int ch = 0; ch < 3; ch++) {
      for (int y = 0; y < 6; y++) {
        for (int x = 0; x < 4; x++) {
          assertThat(third[ch * plane + y * 4 + x]).isEqualTo((byte) (2 + 3 * y + 5 * x + 7 * ch));
        }
      }
    }
  }

  @Test
  void aWrongSizeIsRefusedUnlessTheSchemaResizes() {
    Path[] files = pair("grey", 3, 8, 8, 1, 10);
    assertThatThrownBy(
            () ->
                new IdxReader(
                        files[0], files[1], new ImageShape(4, 4, 3, false), Classes.counted(10))
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            files[0]
                + ": images are 8x8x1 (height x width x channels); the schema says 4x4x3"
                + " (set resize: true to convert them)");
    CollectingSink rows = new CollectingSink();
    new IdxReader(files[0], files[1], new ImageShape(4, 4, 3, true), Classes.counted(10))
        .read(rows);
    assertThat(rows.bytes).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(48));
    byte[] first = rows.bytes.get(0);
    // grey repeated into three equal channels
    for (int p = 0; p < 16; p++) {
      assertThat(first[p]).isEqualTo(first[16 + p]).isEqualTo(first[32 + p]);
    }
  }

  @Test
  void aHeaderClaimingMillionsOfImagesIsRefusedBeforeAllocating() throws IOException {
    Path images = dir.resolve("huge-images-idx3-ubyte");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(images))) {
      out.writeInt(0x0803);
      out.writeInt(2_500_000);
      out.writeInt(28);
      out.writeInt(28);
      out.write(new byte[784 * 2]);
    }
    Path labels = dir.resolve("huge-labels-idx1-ubyte");
    new IdxFile(new int[] {2}, new byte[2]).writeGzip(labels);
    assertThatThrownBy(
            () ->
                new IdxReader(images, labels, new ImageShape(28, 28, 1, false), Classes.counted(10))
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            images
                + ": header claims dimensions [2500000, 28, 28] (1960000016 bytes with the header) but the"
                + " file has 1584 bytes");
    assertThatThrownBy(() -> IdxFile.read(images))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("header claims dimensions [2500000, 28, 28]");
  }

  @Test
  void aGzipHeaderClaimingMoreThanItsDataIsRefused() throws IOException {
    Path images = dir.resolve("lie-images-idx3-ubyte.gz");
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)))) {
      out.writeInt(0x0803);
      out.writeInt(2_500_000);
      out.writeInt(28);
      out.writeInt(28);
      out.write(new byte[784]);
    }
    assertThatThrownBy(() -> IdxFile.read(images))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            images
                + ": header claims dimensions [2500000, 28, 28] (1960000016 bytes with the header) but the"
                + " gzip data holds 800 bytes");
  }

  @Test
  void countsThatDisagreeAndLabelsOutOfRangeAreRefused() {
    Path[] five = pair("a", 5, 2, 2, 1, 3);
    Path[] four = pair("b", 4, 2, 2, 1, 3);
    assertThatThrownBy(
            () ->
                new IdxReader(five[0], four[1], new ImageShape(2, 2, 1, false), Classes.counted(3))
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(five[0] + ": 5 images but b-labels-idx1-ubyte.gz has 4 labels");
    assertThatThrownBy(
            () ->
                new IdxReader(five[0], five[1], new ImageShape(2, 2, 1, false), Classes.counted(2))
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(five[1] + ": label 2 of item 2 is out of range 0..1");
  }

  @Test
  void notAnIdxFileIsRefused() throws IOException {
    Path bad = dir.resolve("x-images-idx3-ubyte");
    try (OutputStream out = Files.newOutputStream(bad)) {
      out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    assertThatThrownBy(() -> IdxFile.read(bad))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            bad
                + ": not an IDX file (header 0x01020304; expected 0x0000 followed by a type and a rank)");
  }
}
