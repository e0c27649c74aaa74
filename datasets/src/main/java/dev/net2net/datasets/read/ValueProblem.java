package dev.net2net.datasets.read;

/** What is wrong with one value, without where; the reader that found it adds the place. */
final class ValueProblem extends Exception {
  ValueProblem(String message) {
    super(message, null, false, false);
  }
}
