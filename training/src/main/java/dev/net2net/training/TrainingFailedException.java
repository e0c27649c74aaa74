package dev.net2net.training;

/** Training could not go on: the loss became NaN or infinite, or memory ran out. The message says where. */
public final class TrainingFailedException extends RuntimeException {
  public TrainingFailedException(String message) {
    super(message);
  }

  public TrainingFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
