package dev.net2net.bench.experiments;

import dev.net2net.bench.Data;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Markdown;
import dev.net2net.datasets.LabeledImages;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The data and training budget of one model family in an experiment, read from options prefixed
 * with the family's name ({@code --mlp-train 12000}, {@code --inception-epochs 3}, ...), and the
 * seeds ({@code --seeds}).
 */
record Setup(
    String family,
    int train,
    int validation,
    int epochs,
    int teacherEpochs,
    int batch,
    int evalsPerEpoch,
    long[] seeds,
    int teacherPatience,
    double teacherMinDelta) {

  Setup(
      String family,
      int train,
      int validation,
      int epochs,
      int teacherEpochs,
      int batch,
      int evalsPerEpoch,
      long[] seeds) {
    this(family, train, validation, epochs, teacherEpochs, batch, evalsPerEpoch, seeds, 0, 0);
  }

  /** The same budget for another group of curves (the teachers stay shared). */
  Setup as(String otherFamily) {
    return new Setup(
        otherFamily,
        train,
        validation,
        epochs,
        teacherEpochs,
        batch,
        evalsPerEpoch,
        seeds,
        teacherPatience,
        teacherMinDelta);
  }

  /**
   * A conv net's budget ({@code --conv-train}, ...): the teacher trains until its validation
   * accuracy plateaus (at most {@code --conv-teacher-epochs}, stopping after {@code
   * --conv-patience} epochs without a gain above {@code --conv-min-delta}).
   */
  static Setup conv(Options o, String family) {
    return new Setup(
        family,
        o.integer("conv-train", 4_000, 64),
        o.integer("conv-validation", 1_000, 32),
        o.integer("conv-epochs", 3, 1),
        o.integer("conv-teacher-epochs", 12, 2),
        o.integer("conv-batch", 128, 32),
        o.integer("conv-evals", 2, 1),
        o.longs("seeds", new long[] {1, 2, 3}, new long[] {1}),
        o.integer("conv-patience", 2, 1),
        o.number("conv-min-delta", 0.003, 0.003));
  }

  /** The same budget for some of the seeds. */
  Setup withSeeds(long... some) {
    return new Setup(
        family,
        train,
        validation,
        epochs,
        teacherEpochs,
        batch,
        evalsPerEpoch,
        some,
        teacherPatience,
        teacherMinDelta);
  }

  /** The number of optimizer steps of one student's training. */
  long studentSteps() {
    return (long) epochs * ((train + batch - 1) / batch);
  }

  static Setup mlp(Options o) {
    return new Setup(
        "mlp",
        o.integer("mlp-train", 10_000, 256),
        o.integer("mlp-validation", 5_000, 128),
        o.integer("mlp-epochs", 4, 1),
        o.integer("mlp-teacher-epochs", 4, 1),
        o.integer("mlp-batch", 64, 64),
        o.integer("mlp-evals", 4, 1),
        o.longs("seeds", new long[] {1, 2, 3}, new long[] {1}));
  }

  static Setup inception(Options o) {
    return new Setup(
        "inception",
        o.integer("inception-train", 3_072, 64),
        o.integer("inception-validation", 1_000, 32),
        o.integer("inception-epochs", 3, 1),
        o.integer("inception-teacher-epochs", 3, 1),
        o.integer("inception-batch", 64, 64),
        o.integer("inception-evals", 2, 1),
        o.longs("seeds", new long[] {1, 2, 3}, new long[] {1}));
  }

  LabeledImages trainImages() {
    return Data.train(train);
  }

  LabeledImages validationImages() {
    return Data.validation(validation);
  }

  String describe() {
    return Markdown.f(
        "%s: %s; batch %d; teacher trained %s, every student %d epoch(s), validation "
            + "accuracy measured %d time(s) per epoch; seeds %s",
        family,
        Data.describe(train, validation),
        batch,
        teacherPatience > 0
            ? Markdown.f(
                "until its end-of-epoch validation accuracy gained no more than %s in %d epochs in a"
                    + " row (early stopping, at most %d epochs)",
                teacherMinDelta, teacherPatience, teacherEpochs)
            : teacherEpochs + " epoch(s)",
        epochs,
        evalsPerEpoch,
        Arrays.stream(seeds).mapToObj(Long::toString).collect(Collectors.joining(", ")));
  }
}
