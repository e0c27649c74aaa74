package dev.net2net.datasets.read;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.TabularShape;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A CSV or TSV table with a header line, plain or gzip-compressed (detected from the content).
 * Every value is checked as it streams past: a missing, non-numeric or out-of-range feature, or a
 * label that names no class, refuses the shard with {@code file:line:column}.
 */
public final class DelimitedReader implements ShardReader {
  private final Path file;
  private final char delimiter;
  private final TabularShape shape;
  private final Classes classes;

  public DelimitedReader(Path file, char delimiter, TabularShape shape, Classes classes) {
    this.file = file;
    this.delimiter = delimiter;
    this.shape = shape;
    this.classes = classes;
  }

  public static DelimitedReader csv(Path file, TabularShape shape, Classes classes) {
    return new DelimitedReader(file, ',', shape, classes);
  }

  public static DelimitedReader tsv(Path file, TabularShape shape, Classes classes) {
    return new DelimitedReader(file, '\t', shape, classes);
  }

  @Override
  public long read(RowSink sink) {
    try (Reader text = open()) {
      return read(new DelimitedTokenizer(text, delimiter), sink);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    } catch (DelimitedTokenizer.SyntaxProblem e) {
      throw new DatasetException(file + ":" + e.line + ":" + e.column + ": " + e.getMessage());
    }
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

  private long read(DelimitedTokenizer records, RowSink sink)
      throws IOException, DelimitedTokenizer.SyntaxProblem {
    if (!records.next()) {
      throw new DatasetException(file + ": empty; expected a header line naming the columns");
    }
    List<String> header = new ArrayList<>(records.fields());
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    TabularColumns columns;
    try {
      columns = TabularColumns.resolve(header, shape);
    } catch (TabularColumns.HeaderProblem e) {
      throw new DatasetException(
          file
              + ":"
              + records.line(e.column)
              + ":"
              + records.column(e.column)
              + ": "
              + e.getMessage());
    }
    sink.begin(RowLayout.tabular(columns.featureNames(), classes.count()));
    float[] features = new float[columns.features().length];
    long rows = 0;
    while (records.next()) {
      List<String> fields = records.fields();
      if (fields.size() != columns.width()) {
        int at =
            Math.min(fields.size(), columns.width()) - (fields.size() < columns.width() ? 1 : 0);
        int column = fields.size() < columns.width() ? records.endColumn() : records.column(at);
        throw new DatasetException(
            file
                + ":"
                + records.recordLine()
                + ":"
                + column
                + ": "
                + fields.size()
                + " fields, but the header has "
                + columns.width()
                + " columns");
      }
      int field = columns.label();
      try {
        int label = Values.label(fields.get(field), classes);
        for (int f = 0; f < features.length; f++) {
          field = columns.features()[f];
          features[f] = Values.feature(fields.get(field));
        }
        sink.row(features, label);
      } catch (ValueProblem e) {
        throw new DatasetException(
            file
                + ":"
                + records.line(field)
                + ":"
                + records.column(field)
                + ": column '"
                + header.get(field).strip()
                + "': "
                + e.getMessage());
      }
      rows++;
    }
    if (rows == 0) {
      throw new DatasetException(file + ": no rows after the header");
    }
    return rows;
  }
}
