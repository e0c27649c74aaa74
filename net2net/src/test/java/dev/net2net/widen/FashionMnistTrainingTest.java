package dev.net2net.widen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.continuation.Continuation;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The paper's recipe on real data: train a narrow MLP on Fashion-MNIST, widen it, continue at a
 * tenth of the learning rate. The student starts exactly as accurate as the teacher (same
 * predictions) and after one more epoch is at least as accurate, within 0.5 percentage points: the
 * spread of test accuracy between consecutive epochs of an MLP this size is about that.
 */
class FashionMnistTrainingTest {

  @Test
  void aWidenedMlpTrainedOneEpochAtATenthOfTheRateIsAtLeastAsAccurate() {
    LabeledImages train = Probes.fashionTrain();
    LabeledImages test = Probes.fashionTest();
    MultiLayerNetwork teacher =
        Nets.chain(
            new Adam(1e-3),
            Nets.flat(),
            new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build());
    epoch(teacher, train, 1);
    double teacherAccuracy = accuracy(teacher, test);
    assertThat(teacherAccuracy).as("a trained teacher").isGreaterThan(0.75);

    Transformed<MultiLayerNetwork> wider =
        Net2WiderNet.widen(
            teacher,
            WidenRequest.of("layer0", 64).withContinuation(Continuation.reducedRate()),
            test.features());
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
    MultiLayerNetwork student = wider.student();
    assertThat(accuracy(student, test))
        .as("the student starts where the teacher is")
        .isEqualTo(teacherAccuracy);

    epoch(student, train, 2);
    assertThat(accuracy(student, test)).isGreaterThanOrEqualTo(teacherAccuracy - 0.005);
  }

  private static void epoch(MultiLayerNetwork net, LabeledImages data, long seed) {
    DataSet all = data.toDataSet().copy();
    all.shuffle(seed);
    for (DataSet batch : all.batchBy(128)) {
      net.fit(batch);
    }
  }

  private static double accuracy(MultiLayerNetwork net, LabeledImages data) {
    Evaluation evaluation = new Evaluation(data.classes());
    evaluation.eval(data.labels(), net.output(data.features(), false));
    return evaluation.accuracy();
  }
}
