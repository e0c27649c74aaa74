package dev.net2net.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.errors.ErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training module alone: only the in-process loop is here. */
class TrainingEnginesTest {
  @Test
  void theDefaultIsTheLoopInThisProcess() {
    assertThat(TrainingEngines.open(EngineChoice.inProcess())).isSameAs(InProcessEngine.instance());
    assertThat(TrainingEngines.available()).containsExactly("in-process");
  }

  @Test
  void anEngineThatIsNotOnTheClasspathIsRefusedWithWhatToDo() {
    assertThatThrownBy(
            () -> TrainingEngines.open(new EngineChoice("spark", Map.of("master", "local[2]"))))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageStartingWith(
            "training engine 'spark' is not on the classpath; available: [in-process]; the spark"
                + " engine is the spark module: build it with `mvn -Pspark package`")
        .satisfies(
            e ->
                assertThat(((EngineUnavailableException) e).kind()).isEqualTo(ErrorKind.BAD_INPUT));
  }
}
