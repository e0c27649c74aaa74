package dev.net2net.datasets.read;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits delimited text (RFC 4180: fields in double quotes may hold the delimiter, line breaks and
 * doubled quotes) into records, remembering the line and column where every field starts, so that a
 * bad value can be reported exactly where an editor would show it. Lines that are entirely empty
 * are skipped. Columns count characters from 1.
 */
final class DelimitedTokenizer {
  /** Text that is not well-formed delimited data, at a place. */
  static final class SyntaxProblem extends Exception implements UserFacingError {
    @Override
    public ErrorKind kind() {
      return ErrorKind.BAD_INPUT;
    }

    final int line;
    final int column;

    SyntaxProblem(int line, int column, String message) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }
  }

  private static final int EOF = -1;
  private final Reader in;
  private final char delimiter;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private int line = 1;
  private int column = 1;
  private final List<String> fields = new ArrayList<>();
  private int[] fieldLines = new int[16];
  private int[] fieldColumns = new int[16];
  private int recordLine;
  private final StringBuilder field = new StringBuilder();

  DelimitedTokenizer(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  List<String> fields() {
    return fields;
  }

  int line(int field) {
    return fieldLines[field];
  }

  int column(int field) {
    return fieldColumns[field];
  }

  int recordLine() {
    return recordLine;
  }

  /** The line and column just past the last character of the record (before its line break). */
  int endColumn() {
    return lastEndColumn;
  }

  private int lastEndColumn;

  private int peek() throws IOException {
    if (position == limit) {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return EOF;
      }
    }
    return buffer[position];
  }

  private int take() throws IOException {
    int c = peek();
    if (c != EOF) {
      position++;
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return c;
  }

  /** Consumes a line break if one is next ("\n", "\r\n" or "\r"); true if it did. */
  private boolean lineBreak() throws IOException {
    int c = peek();
    if (c == '\n') {
      take();
      return true;
    }
    if (c == '\r') {
      position++;
      if (peek() == '\n') {
        position++;
      }
      line++;
      column = 1;
      return true;
    }
    return false;
  }

  /** Reads the next record; false at the end of the text. */
  boolean next() throws IOException, SyntaxProblem {
    fields.clear();
    while (lineBreak()) {
      // an empty line is no record
    }
    if (peek() == EOF) {
      return false;
    }
    recordLine = line;
    while (true) {
      int count = fields.size();
      if (count == fieldLines.length) {
        fieldLines = Arrays.copyOf(fieldLines, count * 2);
        fieldColumns = Arrays.copyOf(fieldColumns, count * 2);
      }
      fieldLines[count] = line;
      fieldColumns[count] = column;
      field.setLength(0);
      if (peek() == '"') {
        quoted();
      } else {
        int c;
        while ((c = peek()) != EOF && c != delimiter && c != '\n' && c != '\r') {
          field.append((char) take());
        }
      }
      fields.add(field.toString());
      lastEndColumn = column;
      if (peek() == delimiter) {
        take();
        continue;
      }
      lineBreak();
      return true;
    }
  }

  private void quoted() throws IOException, SyntaxProblem {
    int openLine = line;
    int openColumn = column;
    take();
    while (true) {
      int c = take();
      if (c == EOF) {
        throw new SyntaxProblem(openLine, openColumn, "a quoted field is never closed");
      }
      if (c == '"') {
        if (peek() == '"') {
          take();
          field.append('"');
          continue;
        }
        int after = peek();
        if (after != EOF && after != delimiter && after != '\n' && after != '\r') {
          throw new SyntaxProblem(
              line, column, "unexpected '" + (char) after + "' after a closing quote");
        }
        return;
      }
      if (c == '\r') {
        if (peek() == '\n') {
          position++;
        }
        line++;
        column = 1;
        field.append('\n');
        continue;
      }
      field.append((char) c);
    }
  }
}
