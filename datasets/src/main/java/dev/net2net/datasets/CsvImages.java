package dev.net2net.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled images in a CSV file, one image per line: the class label first, then the pixels row by
 * row as whole numbers 0..255 (the layout of the well-known {@code fashion-mnist_train.csv}). A
 * first line that is not numeric is taken as a header. Read with DataVec's CSV reader.
 */
public final class CsvImages {
  private CsvImages() {}

  public static LabeledImages read(Path file, int rows, int cols, int classes) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file + ": no such file");
    }
    int pixels = rows * cols;
    boolean header = hasHeader(file);
    List<float[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (CSVRecordReader reader = new CSVRecordReader(header ? 1 : 0, ',')) {
      reader.initialize(new FileSplit(file.toFile()));
      int line = header ? 1 : 0;
      while (reader.hasNext()) {
        List<Writable> record;
        line++;
        try {
          record = reader.next();
        } catch (RuntimeException e) {
          throw new DatasetException(
              file + ":" + line + ": unreadable CSV line: " + e.getMessage(), e);
        }
        if (record.size() != pixels + 1) {
          throw new DatasetException(
              file
                  + ":"
                  + line
                  + ": "
                  + record.size()
                  + " values; expected "
                  + (pixels + 1)
                  + " (a label, then "
                  + rows
                  + "x"
                  + cols
                  + " pixels)");
        }
        int label = whole(file, line, 1, record.get(0).toString(), 0, classes - 1, "label");
        float[] image = new float[pixels];
        for (int p = 0; p < pixels; p++) {
          image[p] = whole(file, line, p + 2, record.get(p + 1).toString(), 0, 255, "pixel") / 255f;
        }
        images.add(image);
        labels.add(label);
      }
    } catch (IOException | InterruptedException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (images.isEmpty()) {
      throw new DatasetException(file + ": no images");
    }
    float[] features = new float[images.size() * pixels];
    float[] oneHot = new float[images.size() * classes];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, features, i * pixels, pixels);
      oneHot[i * classes + labels.get(i)] = 1f;
    }
    return new LabeledImages(
        Nd4j.create(features, new long[] {images.size(), pixels}, 'c'),
        Nd4j.create(oneHot, new long[] {images.size(), classes}, 'c'),
        rows,
        cols);
  }

  private static int whole(
      Path file, int line, int column, String text, int min, int max, String what) {
    try {
      double value = Double.parseDouble(text.trim());
      if (value != Math.rint(value) || value < min || value > max) {
        throw new NumberFormatException();
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw new DatasetException(
          file
              + ":"
              + line
              + ": field "
              + column
              + " ("
              + what
              + ") is '"
              + text
              + "'; expected a whole number "
              + min
              + ".."
              + max);
    }
  }

  private static boolean hasHeader(Path file) {
    try (var lines = Files.lines(file)) {
      String first = lines.findFirst().orElse("");
      String field = first.split(",", 2)[0].trim();
      return !field.isEmpty() && !field.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
