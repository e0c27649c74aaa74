package dev.net2net.policies.simulate;

import dev.net2net.policies.evaluate.ManualRequest;
import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Names;
import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Diagnostic;
import dev.net2net.policies.validate.Diagnostics;
import dev.net2net.policies.validate.Suggestions;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a recorded signal history: CSV with a header row. Lines starting with {@code #} are
 * comments.
 *
 * <pre>
 * timestamp             required  ISO-8601 instant, e.g. 2025-03-01T09:00:00Z; rows in time order
 * dataset_rows          required  rows in the dataset
 * parameters            required  the champion's parameter count
 * model                 optional  the model a row is about; rows for other models are skipped
 * champion_rows         optional  rows the champion was trained on (else: the rows when it became champion)
 * champion              optional  a label of the champion, such as its version; a change starts a new champion
 * manual                optional  empty, false or 0: nothing; true or 1: a request for any rule; else a rule name
 * train_METRIC          optional  a training-split metric, e.g. train_accuracy; empty when not measured
 * val_METRIC            optional  a validation-split metric, e.g. val_accuracy, val_loss
 * </pre>
 *
 * Problems are reported as {@code file:line:column} diagnostics, every bad cell at once.
 */
public final class SignalHistoryCsv {

  public static final List<String> REQUIRED = List.of("timestamp", "dataset_rows", "parameters");
  public static final List<String> OPTIONAL =
      List.of("model", "champion_rows", "champion", "manual");
  private static final Set<String> NO = Set.of("", "false", "0", "no");
  private static final Set<String> YES = Set.of("true", "1", "yes");

  /** Enough to show what is wrong with a file without burying the reader. */
  private static final int MAX_ERRORS = 50;

  private SignalHistoryCsv() {}

  /** The rows of a history, or the reasons it cannot be read. */
  public record Result(List<SignalRow> rows, List<Diagnostic> errors) {
    public Result {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }

    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /** Reads a history file's bytes, which must be UTF-8 text. */
  public static Result parse(String sourceName, byte[] content) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        return notText(sourceName, text.substring(0, nul));
      }
      return parse(sourceName, text);
    } catch (CharacterCodingException e) {
      return new Result(
          List.of(),
          List.of(
              Diagnostic.error(
                  SourceLocation.startOf(sourceName),
                  "not a text file: the history is not UTF-8; expected CSV text")));
    }
  }

  private static Result notText(String sourceName, String before) {
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int column = before.length() - before.lastIndexOf('\n');
    return new Result(
        List.of(),
        List.of(
            Diagnostic.error(
                new SourceLocation(sourceName, line, column),
                "not a text file: found a NUL byte; expected CSV text")));
  }

  public static Result parse(String sourceName, String text) {
    Diagnostics errors = new Diagnostics();
    List<SignalRow> rows = new ArrayList<>();
    Header header = null;
    Instant previous = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length && errors.errorCount() < MAX_ERRORS; i++) {
      String line = lines[i];
      int lineNumber = i + 1;
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      List<Cell> cells = split(sourceName, lineNumber, line, errors);
      if (cells == null) {
        continue;
      }
      if (header == null) {
        header = Header.read(sourceName, lineNumber, cells, errors);
        if (header == null) {
          return new Result(List.of(), errors.sorted());
        }
        continue;
      }
      Optional<SignalRow> row = header.row(sourceName, lineNumber, cells, errors);
      if (row.isPresent()) {
        if (previous != null && row.get().timestamp().isBefore(previous)) {
          errors.error(
              new SourceLocation(sourceName, lineNumber, 1),
              "timestamp "
                  + row.get().timestamp()
                  + " is earlier than the row before ("
                  + previous
                  + "); rows must be in time order");
        } else {
          previous = row.get().timestamp();
          rows.add(row.get());
        }
      }
    }
    if (header == null) {
      errors.error(
          SourceLocation.startOf(sourceName),
          "the history is empty; expected a header row such as "
              + String.join(",", REQUIRED)
              + ",val_accuracy");
    } else if (rows.isEmpty() && !errors.hasErrors()) {
      errors.error(SourceLocation.startOf(sourceName), "the history has a header but no rows");
    }
    return new Result(errors.hasErrors() ? List.of() : rows, errors.sorted());
  }

  record Cell(String text, int column) {}

  /** RFC 4180 fields: commas separate, double quotes enclose, a doubled quote is a quote. */
  private static List<Cell> split(String file, int lineNumber, String line, Diagnostics errors) {
    List<Cell> cells = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 1;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"' && current.toString().isBlank()) {
        quoted = true;
        current.setLength(0);
      } else if (c == ',') {
        cells.add(new Cell(current.toString().strip(), start));
        current.setLength(0);
        start = i + 2;
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      errors.error(
          new SourceLocation(file, lineNumber, start), "a quoted field is not closed on this line");
      return null;
    }
    cells.add(new Cell(current.toString().strip(), start));
    return cells;
  }

  /** The columns a file declares, and how to read a row of them. */
  private static final class Header {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<Integer, String> trainMetric = new HashMap<>();
    private final Map<Integer, String> validationMetric = new HashMap<>();
    private int columns;

    static Header read(String file, int lineNumber, List<Cell> cells, Diagnostics errors) {
      Header header = new Header();
      header.columns = cells.size();
      List<String> known = new ArrayList<>(REQUIRED);
      known.addAll(OPTIONAL);
      known.addAll(List.of("train_accuracy", "val_accuracy", "train_loss", "val_loss"));
      for (int i = 0; i < cells.size(); i++) {
        String name = cells.get(i).text().toLowerCase(Locale.ROOT);
        SourceLocation at = new SourceLocation(file, lineNumber, cells.get(i).column());
        if (header.index.containsKey(name)) {
          errors.error(at, "column '" + name + "' appears twice");
        } else if (REQUIRED.contains(name) || OPTIONAL.contains(name)) {
          header.index.put(name, i);
        } else if (metricColumn(name, "train_").isPresent()) {
          header.index.put(name, i);
          header.trainMetric.put(i, metricColumn(name, "train_").get());
        } else if (metricColumn(name, "val_").isPresent()) {
          header.index.put(name, i);
          header.validationMetric.put(i, metricColumn(name, "val_").get());
        } else {
          errors.error(
              at,
              "unknown column '"
                  + cells.get(i).text()
                  + "'; expected "
                  + String.join(", ", REQUIRED)
                  + ", optionally "
                  + String.join(", ", OPTIONAL)
                  + ", and metrics as train_METRIC or val_METRIC"
                  + Suggestions.didYouMean(name, known));
        }
      }
      for (String required : REQUIRED) {
        if (!header.index.containsKey(required)) {
          errors.error(
              new SourceLocation(file, lineNumber, 1),
              "the header has no '"
                  + required
                  + "' column; required are "
                  + String.join(", ", REQUIRED));
        }
      }
      return errors.hasErrors() ? null : header;
    }

    private static Optional<String> metricColumn(String name, String prefix) {
      if (!name.startsWith(prefix)) {
        return Optional.empty();
      }
      String metric = name.substring(prefix.length());
      return MetricRef.NAME.matcher(metric).matches() ? Optional.of(metric) : Optional.empty();
    }

    Optional<SignalRow> row(String file, int lineNumber, List<Cell> cells, Diagnostics errors) {
      if (cells.size() != columns) {
        errors.error(
            new SourceLocation(file, lineNumber, 1),
            "expected " + columns + " fields as in the header, found " + cells.size());
        return Optional.empty();
      }
      int before = errors.errorCount();
      Cell timestampCell = cells.get(index.get("timestamp"));
      Instant timestamp = null;
      try {
        timestamp = Instant.parse(timestampCell.text());
      } catch (DateTimeParseException e) {
        errors.error(
            at(file, lineNumber, timestampCell),
            "timestamp: expected an ISO-8601 instant such as"
                + " 2025-03-01T09:00:00Z, found '"
                + timestampCell.text()
                + "'");
      }
      long datasetRows = count(file, lineNumber, cells, "dataset_rows", errors).orElse(0);
      long parameters = count(file, lineNumber, cells, "parameters", errors).orElse(0);
      OptionalLong championRows =
          index.containsKey("champion_rows") && !cell(cells, "champion_rows").text().isEmpty()
              ? count(file, lineNumber, cells, "champion_rows", errors)
              : OptionalLong.empty();
      Optional<String> model = optionalText(cells, "model");
      model.ifPresent(
          name -> {
            if (!Names.IDENTIFIER.matcher(name).matches()) {
              errors.error(
                  at(file, lineNumber, cell(cells, "model")),
                  "model: expected a model name, found '" + name + "'");
            }
          });
      Optional<String> champion = optionalText(cells, "champion");
      Map<String, Double> train = metrics(file, lineNumber, cells, trainMetric, "train_", errors);
      Map<String, Double> validation =
          metrics(file, lineNumber, cells, validationMetric, "val_", errors);
      Optional<ManualRequest> manual = Optional.empty();
      if (index.containsKey("manual") && timestamp != null) {
        String value = cell(cells, "manual").text();
        String lower = value.toLowerCase(Locale.ROOT);
        if (YES.contains(lower)) {
          manual = Optional.of(ManualRequest.anyRule(timestamp));
        } else if (!NO.contains(lower)) {
          if (Names.IDENTIFIER.matcher(value).matches()) {
            manual = Optional.of(new ManualRequest(timestamp, Optional.of(value)));
          } else {
            errors.error(
                at(file, lineNumber, cell(cells, "manual")),
                "manual: expected empty, true, false or a rule" + " name, found '" + value + "'");
          }
        }
      }
      if (errors.errorCount() > before) {
        return Optional.empty();
      }
      return Optional.of(
          new SignalRow(
              lineNumber,
              timestamp,
              model,
              datasetRows,
              parameters,
              championRows,
              champion,
              train,
              validation,
              manual));
    }

    private Cell cell(List<Cell> cells, String column) {
      return cells.get(index.get(column));
    }

    private Optional<String> optionalText(List<Cell> cells, String column) {
      return index.containsKey(column)
          ? Optional.of(cell(cells, column).text()).filter(t -> !t.isEmpty())
          : Optional.empty();
    }

    private OptionalLong count(
        String file, int lineNumber, List<Cell> cells, String column, Diagnostics errors) {
      Cell cell = cell(cells, column);
      try {
        long value = Long.parseLong(cell.text());
        if (value >= 0) {
          return OptionalLong.of(value);
        }
      } catch (NumberFormatException e) {
        // reported below, with what was expected
      }
      errors.error(
          at(file, lineNumber, cell),
          column + ": expected a whole number >= 0, found '" + cell.text() + "'");
      return OptionalLong.empty();
    }

    private static Map<String, Double> metrics(
        String file,
        int lineNumber,
        List<Cell> cells,
        Map<Integer, String> columns,
        String prefix,
        Diagnostics errors) {
      Map<String, Double> values = new HashMap<>();
      columns.forEach(
          (column, metric) -> {
            Cell cell = cells.get(column);
            if (cell.text().isEmpty()) {
              return;
            }
            try {
              double value = Double.parseDouble(cell.text());
              if (Double.isFinite(value)) {
                values.put(metric, value);
                return;
              }
            } catch (NumberFormatException e) {
              // reported below, with what was expected
            }
            errors.error(
                at(file, lineNumber, cell),
                prefix
                    + metric
                    + ": expected a number or an empty cell, found '"
                    + cell.text()
                    + "'");
          });
      return values;
    }

    private static SourceLocation at(String file, int lineNumber, Cell cell) {
      return new SourceLocation(file, lineNumber, cell.column());
    }
  }
}
