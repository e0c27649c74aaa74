package dev.net2net.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.bench.train.Curve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlineTest {
  /** A curve of {@code epochs} epochs over {@code perEpoch} examples each. */
  private static Curve curve(long perEpoch, int epochs) {
    return new Curve(
        "inception-wider",
        "random init",
        2,
        List.of(
            new Curve.Point(0, 0, 0, 0, 0.1, 2.3),
            new Curve.Point(epochs, perEpoch * epochs, 10, 10, 0.6, 1.0)));
  }

  @Test
  void aBaselineMustHaveTrainedOnTheSameAmountOfDataPerEpoch() {
    assertThat(curve(400, 2).examplesPerEpoch()).isEqualTo(400);
    assertThat(Headline.sameTrainingSet(curve(3008, 3), curve(3000, 2))).isTrue();
    assertThat(Headline.sameTrainingSet(curve(400, 2), curve(3008, 3))).isFalse();
    // A curve that never trained (only its starting point) does not rule a baseline out.
    Curve untrained = new Curve("g", "net2net", 1, List.of(new Curve.Point(0, 0, 0, 0, 0.5, 1.0)));
    assertThat(Headline.sameTrainingSet(untrained, curve(400, 2))).isTrue();
  }

  @Test
  void onlyTrainingCurvesAreRead(@TempDir Path dir) throws IOException {
    Path training = dir.resolve("convnets-x-curves.csv");
    Curves.writeCsv(training, List.of(curve(400, 2)));
    Path served = dir.resolve("stream-curves.csv");
    Files.writeString(served, "model,seed,arm,round,seconds,accuracy\nmlp,1,daemon,seed,1.0,0.5\n");
    Path empty = Files.createFile(dir.resolve("empty-curves.csv"));

    assertThat(Curves.isCurvesFile(training)).isTrue();
    assertThat(Curves.isCurvesFile(served)).isFalse();
    assertThat(Curves.isCurvesFile(empty)).isFalse();
  }
}
