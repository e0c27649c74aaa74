package dev.net2net.io;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.model.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inputs on which a transform's output difference is measured, where they came from, and a
 * description for reports. {@link #inputs()} is empty when the measurement is skipped ({@link
 * ProbeSource#NONE}).
 */
public record ProbeData(INDArray[] inputs, ProbeSource source, String description) {

  /** The seed of random probes: the same model gets the same probes every time. */
  public static final long RANDOM_SEED = 0;

  public ProbeData {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(description, "description");
    if ((inputs.length == 0) != (source == ProbeSource.NONE)) {
      throw new IllegalArgumentException(
          "probes without inputs are exactly the skipped measurement");
    }
    inputs = inputs.clone();
  }

  @Override
  public INDArray[] inputs() {
    return inputs.clone();
  }

  /** No probes: the output difference is not measured. */
  public static ProbeData none(String why) {
    return new ProbeData(new INDArray[0], ProbeSource.NONE, "not measured (" + why + ")");
  }

  /**
   * The probes for a model: {@code count} rows or items of {@code data} (a CSV, TSV or IDX file, or
   * a folder of Fashion-MNIST IDX files); without data, Fashion-MNIST test images if the model
   * takes 28x28 grey images and they are installed, else random inputs of the model's input type;
   * none if {@code count} is 0.
   *
   * @param labelColumn a CSV column to leave out (name, 1-based number, or {@code none})
   */
  public static ProbeData forModel(
      ModelHandle model, Optional<Path> data, Optional<String> labelColumn, int count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "the number of probes must be 0 (skip the measurement) or more, got " + count);
    }
    if (count == 0) {
      return none("0 probes asked for");
    }
    if (data.isPresent() && Files.isDirectory(data.get())) {
      if (labelColumn.isPresent()) {
        throw new DataFileException(
            data.get()
                + ": --label-column applies to CSV and TSV files, not to a folder of"
                + " Fashion-MNIST IDX files");
      }
      return fashionMnist(model, data, count);
    }
    if (data.isPresent()) {
      return fromFile(model, data.get(), labelColumn, count);
    }
    if (labelColumn.isPresent()) {
      throw new DataFileException("--label-column needs a CSV or TSV file given with --data");
    }
    try {
      ProbeData fashion = fashionMnist(model, Optional.empty(), count);
      if (runsOn(model, fashion)) {
        return fashion;
      }
    } catch (ModelFileException | DatasetException notFashionShaped) {
      // Not a 28x28 grey-image model, or no Fashion-MNIST here: random inputs of the model's own
      // type.
    }
    return random(model, count);
  }

  /**
   * Whether the model runs on the first probe (a 1-channel convolution may want other sizes than
   * 28x28).
   */
  private static boolean runsOn(ModelHandle model, ProbeData probes) {
    return failureOn(model, probes).isEmpty();
  }

  /**
   * Why the model does not run on the first probe, if it does not: the first line of DL4J's
   * message.
   */
  private static Optional<String> failureOn(ModelHandle model, ProbeData probes) {
    try {
      INDArray[] first = new INDArray[probes.inputs.length];
      for (int i = 0; i < first.length; i++) {
        first[i] = probes.inputs[i].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup();
      }
      model.output(first);
      return Optional.empty();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      return Optional.of(message.lines().findFirst().orElse(message));
    }
  }

  /**
   * Fashion-MNIST test images from {@code folder} (or the default location), shaped for the model.
   */
  public static ProbeData fashionMnist(ModelHandle model, Optional<Path> folder, int count) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "the number of probe images must be positive, got " + count);
    }
    FashionMnist data = folder.map(FashionMnist::at).orElseGet(FashionMnist::locate);
    // Shape first: a model that does not take these images is told so before any file is read.
    LabeledImages test = data.load(FashionMnist.Split.TEST);
    LabeledImages first = test.first(count);
    return new ProbeData(
        ModelInputs.of(model, first),
        ProbeSource.FASHION_MNIST,
        first.size() + " Fashion-MNIST test images from " + data.directory());
  }

  /**
   * The first {@code count} rows (CSV, TSV) or items (IDX) of a file, shaped as the model's input.
   */
  public static ProbeData fromFile(
      ModelHandle model, Path file, Optional<String> labelColumn, int count) {
    ProbeRows rows = ProbeRows.read(file, labelColumn, count);
    InputShape shape;
    try {
      shape = InputShape.of(model, Optional.of(rows.rows().size(1)), rows.itemDims());
    } catch (ModelFileException e) {
      throw new DataFileException(file + ": " + e.getMessage(), e);
    }
    INDArray inputs = shape.fromRows(rows.rows()).castTo(dataType(model));
    ProbeData probes =
        new ProbeData(
            new INDArray[] {inputs}, rows.source(), rows.description() + " as " + shape.describe());
    Optional<String> failure = failureOn(model, probes);
    if (failure.isPresent()) {
      throw new DataFileException(
          file
              + ": the model does not run on its rows shaped as "
              + shape.describe()
              + ": "
              + failure.get());
    }
    return probes;
  }

  /**
   * {@code count} random inputs of the model's input type: the first half uniform on [0, 1) like
   * pixels, the second half standard normal like standardised features, from a fixed seed.
   */
  public static ProbeData random(ModelHandle model, int count) {
    InputShape shape = InputShape.of(model, Optional.empty(), Optional.empty());
    Nd4j.getRandom().setSeed(RANDOM_SEED);
    long uniform = count / 2;
    INDArray inputs = Nd4j.create(DataType.FLOAT, shape.shape(count));
    if (uniform > 0) {
      inputs
          .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, uniform))
          .assign(Nd4j.rand(DataType.FLOAT, shape.shape(uniform)));
    }
    inputs
        .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(uniform, count))
        .assign(Nd4j.randn(DataType.FLOAT, shape.shape(count - uniform)));
    ProbeData probes =
        new ProbeData(
            new INDArray[] {inputs.castTo(dataType(model))},
            ProbeSource.RANDOM,
            count
                + " random inputs of the model's input type, "
                + shape.describe()
                + " ("
                + uniform
                + " uniform on [0, 1), "
                + (count - uniform)
                + " standard normal; seed "
                + RANDOM_SEED
                + ")");
    if (!runsOn(model, probes)) {
      throw new ModelFileException(
          "the model does not run on random inputs shaped as "
              + shape.describe()
              + ", which its first layer suggests; give probe data with --data, or skip the measurement with --probes 0");
    }
    return probes;
  }

  /**
   * Fashion-MNIST if it is there, else uniform random pixels (said so in the description), for
   * commands whose main work does not depend on the data.
   */
  public static ProbeData fashionMnistOrRandom(
      ModelHandle model, Optional<Path> folder, int count) {
    try {
      return fashionMnist(model, folder, count);
    } catch (DatasetException e) {
      if (folder.isPresent()) {
        throw e;
      }
      Nd4j.getRandom().setSeed(0);
      LabeledImages random =
          new LabeledImages(
              Nd4j.rand(count, FashionMnist.SIDE * FashionMnist.SIDE),
              Nd4j.zeros(count, FashionMnist.CLASSES),
              FashionMnist.SIDE,
              FashionMnist.SIDE);
      return new ProbeData(
          ModelInputs.of(model, random),
          ProbeSource.RANDOM,
          count + " random images (Fashion-MNIST is not installed)");
    }
  }

  private static DataType dataType(ModelHandle model) {
    DataType type = model.model().params().dataType();
    return type.isFPType() ? type : DataType.FLOAT;
  }

  public boolean measured() {
    return source != ProbeSource.NONE;
  }

  public long examples() {
    return inputs.length == 0 ? 0 : inputs[0].size(0);
  }
}
