package dev.net2net.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorKindsTest {

  static final class Refused extends RuntimeException implements UserFacingError {
    private final ErrorKind kind;

    Refused(ErrorKind kind) {
      super("refused");
      this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
      return kind;
    }
  }

  @Test
  void anExceptionThatDeclaresItsKindGetsThatKind() {
    for (ErrorKind kind : ErrorKind.values()) {
      assertThat(ErrorKinds.of(new Refused(kind))).isEqualTo(kind);
    }
  }

  @Test
  void wrappersOfExecutorsAndFuturesAreLookedThrough() {
    Refused conflict = new Refused(ErrorKind.CONFLICT);
    assertThat(ErrorKinds.of(new CompletionException(new ExecutionException(conflict))))
        .isEqualTo(ErrorKind.CONFLICT);
    assertThat(ErrorKinds.unwrap(new CompletionException(conflict))).isSameAs(conflict);
  }

  @Test
  void aValueRefusedByItsConstructorIsBadInputAndAnythingElseIsInternal() {
    assertThat(ErrorKinds.of(new IllegalArgumentException("version must be positive")))
        .isEqualTo(ErrorKind.BAD_INPUT);
    assertThat(ErrorKinds.of(new IllegalStateException("bug"))).isEqualTo(ErrorKind.INTERNAL);
    assertThat(ErrorKinds.of(new CompletionException(null))).isEqualTo(ErrorKind.INTERNAL);
  }

  @Test
  void theTableKeepsTheCommandLinesExitCodesAndSendsOnlyInternalErrorsAndCorruptionTo500() {
    assertThat(ErrorKind.BAD_INPUT.exitCode()).isEqualTo(2);
    assertThat(ErrorKind.CHECK_FAILED.exitCode()).isEqualTo(1);
    assertThat(ErrorKind.INTERNAL.exitCode()).isEqualTo(3);
    for (ErrorKind kind : ErrorKind.values()) {
      boolean serverSide =
          kind == ErrorKind.INTERNAL || kind == ErrorKind.CORRUPT || kind == ErrorKind.UNAVAILABLE;
      assertThat(kind.httpStatus() >= 500).as(kind.name()).isEqualTo(serverSide);
      assertThat(kind.userFacing()).as(kind.name()).isEqualTo(kind != ErrorKind.INTERNAL);
    }
  }
}
