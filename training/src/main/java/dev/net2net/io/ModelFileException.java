package dev.net2net.io;

/** A model file is missing, unreadable, or not a DeepLearning4J model; the message names the file. */
public final class ModelFileException extends RuntimeException {
  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
