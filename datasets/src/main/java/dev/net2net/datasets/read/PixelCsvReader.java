package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.ImageShape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Images as CSV lines, for an image schema (the layout of the well-known {@code
 * fashion-mnist_train.csv}): the label first, then every pixel value 0..255, channel by channel,
 * row by row. A first line whose first field is not a number is a header and skipped. Optionally
 * gzip-compressed.
 */
public final class PixelCsvReader implements ShardReader {
  private final Path file;
  private final ImageShape shape;
  private final Classes classes;

  public PixelCsvReader(Path file, ImageShape shape, Classes classes) {
    this.file = file;
    this.shape = shape;
    this.classes = classes;
  }

  @Override
  public long read(RowSink sink) {
    try (Reader text = open()) {
      DelimitedTokenizer records = new DelimitedTokenizer(text, ',');
      sink.begin(RowLayout.image(shape, classes.count()));
      int values = shape.pixels();
      byte[] pixels = new byte[values];
      long rows = 0;
      boolean first = true;
      while (records.next()) {
        List<String> fields = records.fields();
        if (first) {
          first = false;
          String head = fields.get(0).replace("\uFEFF", "").strip();
          if (!head.isEmpty() && !Values.isDecimal(head)) {
            continue;
          }
        }
        if (fields.size() != values + 1) {
          throw new DatasetException(
              file
                  + ":"
                  + records.recordLine()
                  + ":1: "
                  + fields.size()
                  + " fields; expected "
                  + (values + 1)
                  + " (a label, then "
                  + shape.describe()
                  + " pixel values)");
        }
        int field = 0;
        try {
          int label = Values.label(fields.get(0), classes);
          for (field = 1; field <= values; field++) {
            pixels[field - 1] = (byte) pixel(fields.get(field));
          }
          sink.row(pixels, label);
        } catch (ValueProblem e) {
          throw new DatasetException(
              file
                  + ":"
                  + records.line(field)
                  + ":"
                  + records.column(field)
                  + ": "
                  + (field == 0 ? "label" : "pixel " + field)
                  + ": "
                  + e.getMessage());
        }
        rows++;
      }
      if (rows == 0) {
        throw new DatasetException(file + ": no images");
      }
      return rows;
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    } catch (DelimitedTokenizer.SyntaxProblem e) {
      throw new DatasetException(file + ":" + e.line + ":" + e.column + ": " + e.getMessage());
    }
  }

  private static int pixel(String text) throws ValueProblem {
    float v = Values.feature(text);
    if (v != Math.rint(v) || v < 0 || v > 255) {
      throw new ValueProblem(
          "'" + text.strip() + "' is out of range; expected a whole number 0..255");
    }
    return (int) v;
  }

  private Reader open() throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream bytes = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new InputStreamReader(bytes, StandardCharsets.UTF_8);
  }
}
