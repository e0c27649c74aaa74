package dev.net2net.datasets.read;

import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the label and the features are among a table's columns, resolved once from its header. */
record TabularColumns(int label, int[] features, List<String> featureNames, int width) {

  /**
   * A column the schema needs is not there, or a column name is repeated; {@code column} is
   * 0-based.
   */
  static final class HeaderProblem extends Exception implements UserFacingError {
    @Override
    public ErrorKind kind() {
      return ErrorKind.BAD_INPUT;
    }

    final int column;

    HeaderProblem(int column, String message) {
      super(message, null, false, false);
      this.column = column;
    }
  }

  static TabularColumns resolve(List<String> header, TabularShape shape) throws HeaderProblem {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      if (name.isEmpty()) {
        throw new HeaderProblem(i, "column " + (i + 1) + " of the header has no name");
      }
      Integer before = index.put(name, i);
      if (before != null) {
        throw new HeaderProblem(
            i,
            "column name '"
                + name
                + "' appears twice in the header (columns "
                + (before + 1)
                + " and "
                + (i + 1)
                + ")");
      }
    }
    Integer label = index.get(shape.label());
    if (label == null) {
      throw new HeaderProblem(
          0,
          "no label column '"
              + shape.label()
              + "' in the header; its columns are "
              + trimmed(header));
    }
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    if (shape.features() instanceof Features.Named named) {
      for (String wanted : named.columns()) {
        Integer at = index.get(wanted);
        if (at == null) {
          throw new HeaderProblem(
              0,
              "no feature column '"
                  + wanted
                  + "' in the header; its columns are "
                  + trimmed(header));
        }
        names.add(wanted);
        columns.add(at);
      }
    } else {
      for (int i = 0; i < header.size(); i++) {
        if (i != label) {
          names.add(header.get(i).strip());
          columns.add(i);
        }
      }
      if (columns.isEmpty()) {
        throw new HeaderProblem(
            0, "the header has only the label column '" + shape.label() + "'; no features");
      }
    }
    return new TabularColumns(
        label, columns.stream().mapToInt(Integer::intValue).toArray(), names, header.size());
  }

  private static List<String> trimmed(List<String> header) {
    return header.stream().map(String::strip).toList();
  }
}
