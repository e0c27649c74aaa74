package dev.net2net.datasets.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.ImageShape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path dir;

  private static final Classes CLASSES = Classes.named(List.of("cat", "dog"));

  /** An RGB image whose pixel (x, y) is (10x + k, 10y + k, 100 + k). */
  static BufferedImage colour(int w, int h, int k) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((10 * x + k) << 16) | ((10 * y + k) << 8) | (100 + k));
      }
    }
    return img;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
  }

  private Path folder(int w, int h) throws IOException {
    return folder("shard-" + w + "x" + h, w, h);
  }

  private Path folder(String name, int w, int h) throws IOException {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("cat"));
    Files.createDirectories(root.resolve("dog"));
    Files.write(root.resolve("cat/a.png"), encode(colour(w, h, 1), "png"));
    Files.write(root.resolve("dog/b.png"), encode(colour(w, h, 2), "png"));
    Files.write(root.resolve("dog/c.PNG"), encode(colour(w, h, 3), "png"));
    Files.writeString(root.resolve("dog/.DS_Store"), "junk");
    return root;
  }

  @Test
  void readsPngsFromClassFoldersChannelMajorAndExact() throws IOException {
    Path root = folder(5, 3);
    CollectingSink rows = new CollectingSink();
    long n = new ImageFolderReader(root, new ImageShape(3, 5, 3, false), CLASSES).read(rows);
    assertThat(n).isEqualTo(3);
    assertThat(rows.labels).containsExactly(0, 1, 1);
    byte[] b = rows.bytes.get(1);
    int plane = 15;
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        assertThat(b[y * 5 + x] & 0xFF).isEqualTo(10 * x + 2);
        assertThat(b[plane + y * 5 + x] & 0xFF).isEqualTo(10 * y + 2);
        assertThat(b[2 * plane + y * 5 + x] & 0xFF).isEqualTo(102);
      }
    }
  }

  @Test
  void readsTheSameImagesFromAZip() throws IOException {
    Path zip = dir.resolve("shard.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String[] e : new String[][] {{"top/cat/a.png", "1"}, {"top/dog/b.jpg", "2"}}) {
        out.putNextEntry(new ZipEntry(e[0]));
        out.write(
            encode(colour(4, 4, Integer.parseInt(e[1])), e[0].endsWith("jpg") ? "jpg" : "png"));
        out.closeEntry();
      }
    }
    CollectingSink rows = new CollectingSink();
    new ImageFolderReader(zip, new ImageShape(4, 4, 3, false), CLASSES).read(rows);
    assertThat(rows.labels).containsExactly(0, 1);
    assertThat(rows.bytes.get(0)[5] & 0xFF).isEqualTo(11); // red of (1, 1) in the lossless PNG
    assertThat(rows.bytes.get(1)[5] & 0xFF)
        .isCloseTo(12, org.assertj.core.data.Offset.offset(8)); // lossy JPEG
  }

  @Test
  void aWrongSizeOrChannelCountIsAClearErrorUnlessResizing() throws IOException {
    Path root = folder(5, 3);
    assertThatThrownBy(
            () ->
                new ImageFolderReader(root, new ImageShape(32, 32, 3, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            root.resolve("cat/a.png")
                + ": image is 3x5x3 (height x width x channels); the schema says 32x32x3"
                + " (set resize: true to convert images)");
    assertThatThrownBy(
            () ->
                new ImageFolderReader(root, new ImageShape(3, 5, 1, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            root.resolve("cat/a.png")
                + ": image is 3x5x3 (height x width x channels); the schema says 3x5x1"
                + " (set resize: true to convert images)");
    CollectingSink rows = new CollectingSink();
    new ImageFolderReader(root, new ImageShape(6, 10, 1, true), CLASSES).read(rows);
    assertThat(rows.bytes).hasSize(3).allSatisfy(b -> assertThat(b).hasSize(60));
  }

  @Test
  void resizingAUniformImageKeepsItsValue() throws IOException {
    Path root = dir.resolve("uniform");
    Files.createDirectories(root.resolve("cat"));
    BufferedImage grey = new BufferedImage(7, 9, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 9; y++) {
      for (int x = 0; x < 7; x++) {
        grey.getRaster().setSample(x, y, 0, 77);
      }
    }
    Files.write(root.resolve("cat/g.png"), encode(grey, "png"));
    CollectingSink rows = new CollectingSink();
    new ImageFolderReader(root, new ImageShape(32, 32, 3, true), CLASSES).read(rows);
    assertThat(rows.bytes.get(0)).hasSize(32 * 32 * 3).containsOnly((byte) 77);
  }

  @Test
  void unknownClassFoldersStrayFilesAndUndecodableImagesAreRefused() throws IOException {
    Path root = folder(4, 4);
    Files.createDirectories(root.resolve("bird"));
    Files.write(root.resolve("bird/x.png"), encode(colour(4, 4, 0), "png"));
    assertThatThrownBy(
            () ->
                new ImageFolderReader(root, new ImageShape(4, 4, 3, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            root.resolve("bird/x.png")
                + ": folder 'bird' is not a class of the schema; expected one of [cat, dog]");

    Path other = folder("other", 4, 4);
    Files.writeString(other.resolve("cat/notes.txt"), "hello");
    assertThatThrownBy(
            () ->
                new ImageFolderReader(other, new ImageShape(4, 4, 3, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            other.resolve("cat/notes.txt")
                + ": not a PNG or JPEG file (by its name); only .png, .jpg and .jpeg"
                + " are read");

    Path broken = dir.resolve("broken");
    Files.createDirectories(broken.resolve("dog"));
    try (OutputStream out = Files.newOutputStream(broken.resolve("dog/z.png"))) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThatThrownBy(
            () ->
                new ImageFolderReader(broken, new ImageShape(4, 4, 3, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(broken.resolve("dog/z.png") + ": cannot decode the image (not a PNG or JPEG)");

    Path loose = dir.resolve("loose");
    Files.createDirectories(loose);
    Files.write(loose.resolve("y.png"), encode(colour(4, 4, 0), "png"));
    assertThatThrownBy(
            () ->
                new ImageFolderReader(loose, new ImageShape(4, 4, 3, false), CLASSES)
                    .read(new CollectingSink()))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            loose.resolve("y.png")
                + ": an image outside a class folder; put each image in a folder named after"
                + " its class, one of [cat, dog]");
  }
}
