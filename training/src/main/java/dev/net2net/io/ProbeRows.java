package dev.net2net.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first rows of a data file, as numbers, to run a model on: a CSV or TSV file with a header
 * line (every column numeric, one of them optionally a label to leave out), or an IDX file (any of
 * its value types). Only the rows asked for are read, so memory is bounded by the request, not by
 * the file.
 *
 * @param rows {@code [n, values]}: each example's values in the order of the file
 * @param itemDims the dimensions of one item of an IDX file (rows and columns of an image), if the
 *     file has them
 * @param source CSV or IDX
 * @param description what was read, for reports
 */
public record ProbeRows(
    INDArray rows, Optional<int[]> itemDims, ProbeSource source, String description) {

  private static final int IDX_UNSIGNED_BYTE = 0x08;

  /**
   * Reads up to {@code limit} rows of {@code file}; {@code labelColumn} names a CSV column to leave
   * out.
   */
  public static ProbeRows read(Path file, Optional<String> labelColumn, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one row must be read, got " + limit);
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file + ": no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    if (plain.endsWith(".csv") || plain.endsWith(".tsv")) {
      return csv(file, plain.endsWith(".tsv") ? '\t' : ',', labelColumn, limit);
    }
    if (looksLikeIdx(file)) {
      if (labelColumn.isPresent()) {
        throw new DataFileException(
            file
                + ": --label-column applies to CSV and TSV files; an IDX file holds only"
                + " inputs (its labels are a separate file)");
      }
      return idx(file, limit);
    }
    throw new DataFileException(
        file
            + ": not a CSV or TSV file (by its name: .csv, .tsv, optionally .gz) nor an"
            + " IDX file (by its first bytes: 0, 0, a type code, a dimension count)");
  }

  // ---- CSV and TSV

  private static ProbeRows csv(Path file, char delimiter, Optional<String> labelColumn, int limit) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      int lineNumber = 1;
      while (header != null && header.isBlank()) {
        header = reader.readLine();
        lineNumber++;
      }
      if (header == null) {
        throw new DataFileException(file + ": empty; a header line naming the columns is expected");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1); // a byte-order mark, as spreadsheet programs write
      }
      List<String> columns = split(header, delimiter);
      int label = labelIndex(file, lineNumber, columns, labelColumn);
      int width = columns.size() - (label >= 0 ? 1 : 0);
      if (width < 1) {
        throw new DataFileException(
            file + ":" + lineNumber + ": no input columns besides the label");
      }
      List<float[]> rows = new ArrayList<>();
      String line;
      while (rows.size() < limit && (line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        rows.add(parseRow(file, lineNumber, line, delimiter, columns, label, width));
      }
      if (rows.isEmpty()) {
        throw new DataFileException(file + ": has a header but no rows");
      }
      INDArray array = Nd4j.create(DataType.FLOAT, rows.size(), width);
      for (int i = 0; i < rows.size(); i++) {
        array.putRow(i, Nd4j.createFromArray(rows.get(i)));
      }
      String used =
          label >= 0
              ? width + " columns, label column '" + columns.get(label) + "' left out"
              : width + " columns, no label column";
      return new ProbeRows(
          array,
          Optional.empty(),
          ProbeSource.CSV,
          rows.size() + " rows of " + file + " (" + used + ")");
    } catch (IOException e) {
      throw new DataFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static int labelIndex(
      Path file, int line, List<String> columns, Optional<String> labelColumn) {
    if (labelColumn.isEmpty() || labelColumn.get().equalsIgnoreCase("none")) {
      return -1;
    }
    String wanted = labelColumn.get();
    int byName = columns.indexOf(wanted);
    if (byName >= 0) {
      return byName;
    }
    if (wanted.matches("[0-9]+")) {
      int index = Integer.parseInt(wanted);
      if (index >= 1 && index <= columns.size()) {
        return index - 1;
      }
    }
    throw new DataFileException(
        file
            + ":"
            + line
            + ": no column '"
            + wanted
            + "' (--label-column takes a column"
            + " name, a 1-based column number up to "
            + columns.size()
            + ", or none); the columns are "
            + columns);
  }

  private static float[] parseRow(
      Path file,
      int lineNumber,
      String line,
      char delimiter,
      List<String> columns,
      int label,
      int width) {
    float[] values = new float[width];
    int column = 0;
    int k = 0;
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i < line.length() && line.charAt(i) != delimiter) {
        continue;
      }
      if (column >= columns.size()) {
        throw new DataFileException(
            file
                + ":"
                + lineNumber
                + ":"
                + (start + 1)
                + ": more values than the "
                + columns.size()
                + " columns of the header");
      }
      String field = unquote(line.substring(start, i).trim());
      if (column != label) {
        try {
          values[k++] = Float.parseFloat(field);
        } catch (NumberFormatException e) {
          throw new DataFileException(
              file
                  + ":"
                  + lineNumber
                  + ":"
                  + (start + 1)
                  + ": '"
                  + field
                  + "' in column '"
                  + columns.get(column)
                  + "' is not a number; every input column must be numeric");
        }
      }
      column++;
      start = i + 1;
    }
    if (column != columns.size()) {
      throw new DataFileException(
          file
              + ":"
              + lineNumber
              + ":"
              + (line.length() + 1)
              + ": "
              + column
              + " values,"
              + " the header has "
              + columns.size()
              + " columns");
    }
    return values;
  }

  private static List<String> split(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == delimiter) {
        fields.add(unquote(line.substring(start, i).trim()));
        start = i + 1;
      }
    }
    return fields;
  }

  private static String unquote(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
        ? field.substring(1, field.length() - 1)
        : field;
  }

  // ---- IDX

  private static boolean looksLikeIdx(Path file) {
    try (InputStream in = open(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 0
          && magic[1] == 0
          && typeSize(magic[2] & 0xFF) > 0
          && magic[3] >= 1
          && magic[3] <= 8;
    } catch (IOException e) {
      return false;
    }
  }

  private static int typeSize(int type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }

  private static ProbeRows idx(Path file, int limit) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(file), 1 << 16))) {
      int magic = in.readInt();
      int type = (magic >> 8) & 0xFF;
      int rank = magic & 0xFF;
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = in.readInt();
      }
      if (rank < 2) {
        throw new DataFileException(
            file
                + ": an IDX file of "
                + dims[0]
                + " single values (a label file?); probe"
                + " inputs need an IDX file whose items have values of their own (images, rows)");
      }
      int[] item = java.util.Arrays.copyOfRange(dims, 1, rank);
      long itemSize = 1;
      for (int d : item) {
        itemSize *= d;
      }
      int n = Math.min(limit, dims[0]);
      if (n == 0 || itemSize == 0) {
        throw new DataFileException(file + ": an IDX file with no values");
      }
      if ((long) n * itemSize > Integer.MAX_VALUE) {
        throw new DataFileException(
            file
                + ": "
                + n
                + " items of "
                + itemSize
                + " values are too many to probe with;"
                + " ask for fewer with --probes");
      }
      float[] values = new float[(int) (n * itemSize)];
      for (int i = 0; i < values.length; i++) {
        values[i] =
            switch (type) {
              case IDX_UNSIGNED_BYTE -> in.readUnsignedByte() / 255f;
              case 0x09 -> in.readByte();
              case 0x0B -> in.readShort();
              case 0x0C -> in.readInt();
              case 0x0D -> in.readFloat();
              default -> (float) in.readDouble();
            };
      }
      String scaled =
          type == IDX_UNSIGNED_BYTE ? ", unsigned bytes scaled to [0, 1] as pixels" : "";
      return new ProbeRows(
          Nd4j.createFromArray(values).reshape('c', n, itemSize),
          Optional.of(item),
          ProbeSource.IDX,
          n + " items of " + file + " (" + java.util.Arrays.toString(item) + scaled + ")");
    } catch (EOFException e) {
      throw new DataFileException(file + ": ends before the values its header announces", e);
    } catch (IOException e) {
      throw new DataFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    try {
      InputStream raw = Files.newInputStream(file);
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
          ? new GZIPInputStream(raw, 1 << 16)
          : raw;
    } catch (NoSuchFileException e) {
      throw new DataFileException(file + ": no such file", e);
    }
  }
}
