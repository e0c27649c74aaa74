package dev.net2net.errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that decides what kind of failure a {@link Throwable} is. */
public final class ErrorKinds {
  private ErrorKinds() {}

  /**
   * The kind of {@code failure}: its own if it declares one; the kind of its cause if it only wraps
   * one (an executor's or a future's wrapper); {@link ErrorKind#BAD_INPUT} for an {@link
   * IllegalArgumentException}, which is how the project's value types refuse an invalid value (a
   * model name, a version number) in their constructors; {@link ErrorKind#INTERNAL} otherwise.
   */
  public static ErrorKind of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof UserFacingError user) {
      return user.kind();
    }
    if (t instanceof IllegalArgumentException) {
      return ErrorKind.BAD_INPUT;
    }
    return ErrorKind.INTERNAL;
  }

  /** The failure itself, past the wrappers that only carry it. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof InvocationTargetException
            || t instanceof UndeclaredThrowableException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
