package dev.net2net.policies.parse;

import dev.net2net.policies.model.SourceLocation;
import dev.net2net.policies.validate.Diagnostic;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a file's bytes into text, or explains why they are not a policy file. Binary garbage is
 * caught here, with the line and column of the first bad byte, rather than deep in the YAML reader.
 */
final class SourceText {

  /** Policy files are a few kilobytes; anything near this is not one. */
  static final int MAX_BYTES = 1 << 20;

  private SourceText() {}

  /** The decoded text, or the one error that makes the file unreadable as a policy. */
  static Result decode(String file, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return Result.failed(
          Diagnostic.error(
              SourceLocation.startOf(file),
              String.format(
                  Locale.ROOT,
                  "the file is %,d bytes; a policy file is text of at most %,d bytes",
                  bytes.length,
                  MAX_BYTES)));
    }
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
      return Result.failed(
          Diagnostic.error(
              SourceLocation.startOf(file),
              "the file is UTF-16 text; policy files are UTF-8 (save it as UTF-8)"));
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    int firstBad = firstInvalidUtf8(bytes, start);
    if (firstBad >= 0) {
      return Result.failed(
          Diagnostic.error(
              locate(file, bytes, start, firstBad),
              String.format(
                  Locale.ROOT,
                  "not a text file: found the byte 0x%02X, which is not UTF-8; a policy file is UTF-8 YAML",
                  bytes[firstBad] & 0xFF)));
    }
    String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    for (int i = 0, line = 1, column = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isForbiddenControl(c)) {
        return Result.failed(
            Diagnostic.error(
                new SourceLocation(file, line, column),
                String.format(
                    Locale.ROOT,
                    "not a text file: found the control character U+%04X; a policy file is UTF-8 YAML",
                    (int) c)));
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return new Result(Optional.of(text), Optional.empty());
  }

  /** Tab, newline and carriage return are text; other C0 controls, DEL and NUL are not. */
  private static boolean isForbiddenControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of the first byte that is not valid UTF-8, or -1. Decoding sequence by sequence,
   * since a bulk decoder reports that the input is malformed but not where.
   */
  private static int firstInvalidUtf8(byte[] bytes, int start) {
    int i = start;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      int length;
      if (b < 0x80) {
        length = 1;
      } else if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
      } else {
        return i;
      }
      if (i + length > bytes.length) {
        return i;
      }
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        decoder.decode(ByteBuffer.wrap(bytes, i, length));
      } catch (CharacterCodingException e) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /** Line and column of a byte offset, counting characters of the valid text before it. */
  private static SourceLocation locate(String file, byte[] bytes, int start, int offset) {
    String before = new String(bytes, start, offset - start, StandardCharsets.UTF_8);
    int line = 1;
    int column = 1;
    for (int i = 0; i < before.length(); i++) {
      char c = before.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return new SourceLocation(file, line, column);
  }

  record Result(Optional<String> text, Optional<Diagnostic> failure) {
    static Result failed(Diagnostic diagnostic) {
      return new Result(Optional.empty(), Optional.of(diagnostic));
    }
  }
}
