package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/**
 * PNG and JPEG images sorted into one sub-folder per class, as a folder or a {@code .zip}: an
 * image's class is the name of the folder that holds it (a class name of the schema, or its number
 * when the classes are counted). Decoded with {@code javax.imageio}, no native code. Images are
 * read in path order, one at a time; hidden files are skipped.
 */
public final class ImageFolderReader implements ShardReader {
  private final Path source;
  private final ImageShape shape;
  private final Classes classes;

  public ImageFolderReader(Path source, ImageShape shape, Classes classes) {
    this.source = source;
    this.shape = shape;
    this.classes = classes;
  }

  @Override
  public long read(RowSink sink) {
    sink.begin(RowLayout.image(shape, classes.count()));
    long rows = Files.isDirectory(source) ? readFolder(sink) : readZip(sink);
    if (rows == 0) {
      throw new DatasetException(
          source
              + ": no images (expected PNG or JPEG files in one folder per class: "
              + classes.labels()
              + ")");
    }
    return rows;
  }

  private long readFolder(RowSink sink) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !hidden(source.relativize(p).toString().replace('\\', '/')))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot list: " + e.getMessage(), e);
    }
    long rows = 0;
    for (Path file : files) {
      String relative = source.relativize(file).toString().replace('\\', '/');
      int label = classOf(relative, file.toString());
      try {
        byte[] bytes = Files.readAllBytes(file);
        sink.row(decode(bytes, file.toString()), label);
      } catch (IOException e) {
        throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
      }
      rows++;
    }
    return rows;
  }

  private long readZip(RowSink sink) {
    try (ZipFile zip = new ZipFile(source.toFile())) {
      List<ZipEntry> entries = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (!e.isDirectory() && !hidden(e.getName())) {
          entries.add(e);
        }
      }
      entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
      long rows = 0;
      for (ZipEntry entry : entries) {
        String where = source + "!/" + entry.getName();
        int label = classOf(entry.getName(), where);
        if (entry.getSize() > MAX_IMAGE_BYTES) {
          throw new DatasetException(
              where + ": " + entry.getSize() + " bytes is too large for an image");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
          throw new DatasetException(
              where + ": more than " + MAX_IMAGE_BYTES + " bytes is too large for an image");
        }
        sink.row(decode(bytes, where), label);
        rows++;
      }
      return rows;
    } catch (java.util.zip.ZipException e) {
      throw new DatasetException(source + ": not a readable zip file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DatasetException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static final int MAX_IMAGE_BYTES = 64 << 20;

  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.equals("__MACOSX")) {
        return true;
      }
    }
    return false;
  }

  private int classOf(String relative, String where) {
    String[] parts = relative.split("/");
    if (parts.length < 2) {
      throw new DatasetException(
          where
              + ": an image outside a class folder; put each image in a folder named after"
              + " its class, one of "
              + classes.labels());
    }
    String folder = parts[parts.length - 2];
    return classes
        .indexOf(folder)
        .orElseThrow(
            () ->
                new DatasetException(
                    where
                        + ": folder '"
                        + folder
                        + "' is not a class of the schema; expected one of "
                        + classes.labels()));
  }

  private byte[] decode(byte[] bytes, String where) {
    String name = where.toLowerCase(Locale.ROOT);
    if (!(name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
      throw new DatasetException(
          where + ": not a PNG or JPEG file (by its name); only .png, .jpg and .jpeg are read");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(where + ": cannot decode the image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new DatasetException(where + ": cannot decode the image (not a PNG or JPEG)");
    }
    int height = image.getHeight();
    int width = image.getWidth();
    Decoded decoded = samples(image);
    boolean same =
        height == shape.height() && width == shape.width() && decoded.channels == shape.channels();
    if (same) {
      return decoded.chw;
    }
    if (!shape.resize()) {
      throw new DatasetException(
          where
              + ": image is "
              + height
              + "x"
              + width
              + "x"
              + decoded.channels
              + " (height x width x channels); the schema says "
              + shape.describe()
              + " (set resize: true to convert images)");
    }
    return ImageConversion.convert(decoded.chw, decoded.channels, height, width, shape);
  }

  private record Decoded(byte[] chw, int channels) {}

  /**
   * The image's own samples, channel-major: palette images are expanded, 16-bit samples scaled to
   * 8.
   */
  private static Decoded samples(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    int plane = h * w;
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    if (model instanceof IndexColorModel palette) {
      int channels = palette.hasAlpha() ? 4 : 3;
      byte[] out = new byte[plane * channels];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int index = raster.getSample(x, y, 0);
          int p = y * w + x;
          out[p] = (byte) palette.getRed(index);
          out[plane + p] = (byte) palette.getGreen(index);
          out[2 * plane + p] = (byte) palette.getBlue(index);
          if (channels == 4) {
            out[3 * plane + p] = (byte) palette.getAlpha(index);
          }
        }
      }
      return new Decoded(out, channels);
    }
    int channels = raster.getNumBands();
    byte[] out = new byte[plane * channels];
    int[] row = new int[w];
    for (int c = 0; c < channels; c++) {
      int shift = Math.max(0, model.getComponentSize(c) - 8);
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, c, row);
        int base = c * plane + y * w;
        for (int x = 0; x < w; x++) {
          out[base + x] = (byte) (row[x] >>> shift);
        }
      }
    }
    return new Decoded(out, channels);
  }
}
