package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.IdxHeader;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.ImageShape;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A pair of IDX files: images {@code [count, height, width]} (grey) or {@code [count, height,
 * width, channels]} (interleaved, as image arrays are usually saved), and labels {@code [count]}
 * holding class numbers. Both headers are checked against the files' sizes and against each other
 * before a single image is read; images stream one at a time.
 */
public final class IdxReader implements ShardReader {
  private final Path images;
  private final Path labels;
  private final ImageShape shape;
  private final Classes classes;

  public IdxReader(Path images, Path labels, ImageShape shape, Classes classes) {
    this.images = images;
    this.labels = labels;
    this.shape = shape;
    this.classes = classes;
  }

  @Override
  public long read(RowSink sink) {
    try (IdxHeader.Opened img = IdxHeader.open(images);
        IdxHeader.Opened lab = IdxHeader.open(labels)) {
      int[] dims = img.header().dims();
      if (dims.length != 3 && dims.length != 4) {
        throw new DatasetException(
            images
                + ": images must have 3 dimensions (count, height, width) or 4 (count,"
                + " height, width, channels), found "
                + dims.length
                + " "
                + Arrays.toString(dims));
      }
      if (lab.header().dims().length != 1) {
        throw new DatasetException(
            labels
                + ": labels must have 1 dimension (count), found "
                + Arrays.toString(lab.header().dims()));
      }
      int count = dims[0];
      if (count != lab.header().count()) {
        throw new DatasetException(
            images
                + ": "
                + count
                + " images but "
                + labels.getFileName()
                + " has "
                + lab.header().count()
                + " labels");
      }
      if (count == 0) {
        throw new DatasetException(images + ": no images");
      }
      int height = dims[1];
      int width = dims[2];
      int channels = dims.length == 4 ? dims[3] : 1;
      boolean same =
          height == shape.height() && width == shape.width() && channels == shape.channels();
      if (!same && !shape.resize()) {
        throw new DatasetException(
            images
                + ": images are "
                + height
                + "x"
                + width
                + "x"
                + channels
                + " (height x width x channels); the schema says "
                + shape.describe()
                + " (set resize: true to convert them)");
      }
      if (channels < 1 || channels > 4 || height < 1 || width < 1) {
        throw new DatasetException(
            images + ": images of " + height + "x" + width + "x" + channels + " cannot be read");
      }
      sink.begin(RowLayout.image(shape, classes.count()));
      int size = height * width * channels;
      byte[] hwc = new byte[size];
      byte[] chw = new byte[size];
      for (int i = 0; i < count; i++) {
        img.values().readFully(hwc);
        int label = lab.values().readUnsignedByte();
        if (label >= classes.count()) {
          throw new DatasetException(
              labels
                  + ": label "
                  + label
                  + " of item "
                  + i
                  + " is out of range 0.."
                  + (classes.count() - 1));
        }
        toChannelMajor(hwc, chw, height * width, channels);
        byte[] row = same ? chw : ImageConversion.convert(chw, channels, height, width, shape);
        sink.row(row, label);
      }
      return count;
    } catch (EOFException e) {
      throw new DatasetException(images + ": ends before the " + "images its header promises", e);
    } catch (IOException e) {
      throw new DatasetException(images + ": cannot read IDX data: " + e.getMessage(), e);
    }
  }

  static void toChannelMajor(byte[] hwc, byte[] chw, int plane, int channels) {
    if (channels == 1) {
      System.arraycopy(hwc, 0, chw, 0, plane);
      return;
    }
    for (int p = 0; p < plane; p++) {
      for (int c = 0; c < channels; c++) {
        chw[c * plane + p] = hwc[p * channels + c];
      }
    }
  }
}
