package dev.net2net.datasets.read;

import dev.net2net.datasets.schema.Classes;

/**
 * Parsing of feature values and labels from text, strict and shared by the text and Parquet
 * readers.
 */
final class Values {
  private Values() {}

  /** A decimal number (sign, digits, an optional fraction and exponent) that fits a float32. */
  static float feature(String text) throws ValueProblem {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new ValueProblem("missing value");
    }
    if (!isDecimal(t)) {
      throw new ValueProblem("'" + text + "' is not a number");
    }
    return checkedFloat(Double.parseDouble(t), t);
  }

  static float checkedFloat(double value, String shown) throws ValueProblem {
    if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
      throw new ValueProblem(
          "value "
              + shown
              + " is out of range (a finite 32-bit float, at most "
              + Float.MAX_VALUE
              + " in size)");
    }
    return (float) value;
  }

  static int label(String text, Classes classes) throws ValueProblem {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new ValueProblem("missing label");
    }
    var index = classes.indexOf(t);
    if (index.isPresent()) {
      return index.get();
    }
    if (classes.isNamed()) {
      throw new ValueProblem("label '" + t + "' is not one of the classes " + classes.names());
    }
    if (isWholeNumber(t)) {
      throw new ValueProblem("label " + t + " is out of range 0.." + (classes.count() - 1));
    }
    throw new ValueProblem("label '" + t + "' is not " + classes.expected());
  }

  static int label(long value, Classes classes) throws ValueProblem {
    if (classes.isNamed()) {
      throw new ValueProblem(
          "label " + value + " is a number, but the classes are named " + classes.names());
    }
    if (value < 0 || value >= classes.count()) {
      throw new ValueProblem("label " + value + " is out of range 0.." + (classes.count() - 1));
    }
    return (int) value;
  }

  private static boolean isWholeNumber(String t) {
    int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
    if (i == t.length()) {
      return false;
    }
    for (; i < t.length(); i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isDecimal(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isAsciiDigit(t.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isAsciiDigit(t.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isAsciiDigit(t.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
