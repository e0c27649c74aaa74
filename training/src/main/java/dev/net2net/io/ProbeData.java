package dev.net2net.io;

import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.model.ModelHandle;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Real inputs on which to measure a transform: the first N Fashion-MNIST test images, from the Debian
 * package's folder or a given one.
 */
public record ProbeData(INDArray[] inputs, String description) {

  /** Fashion-MNIST test images from {@code folder} (or the default location), shaped for the model. */
  public static ProbeData fashionMnist(ModelHandle model, Optional<Path> folder, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the number of probe images must be positive, got " + count);
    }
    FashionMnist data = folder.map(FashionMnist::at).orElseGet(FashionMnist::locate);
    LabeledImages test = data.load(FashionMnist.Split.TEST);
    LabeledImages first = test.first(count);
    return new ProbeData(ModelInputs.of(model, first),
        first.size() + " Fashion-MNIST test images from " + data.directory());
  }

  /**
   * Fashion-MNIST if it is there, else uniform random pixels (said so in the description), for commands
   * whose main work does not depend on the data.
   */
  public static ProbeData fashionMnistOrRandom(ModelHandle model, Optional<Path> folder, int count) {
    try {
      return fashionMnist(model, folder, count);
    } catch (DatasetException e) {
      if (folder.isPresent()) {
        throw e;
      }
      Nd4j.getRandom().setSeed(0);
      LabeledImages random = new LabeledImages(Nd4j.rand(count, FashionMnist.SIDE * FashionMnist.SIDE),
          Nd4j.zeros(count, FashionMnist.CLASSES), FashionMnist.SIDE, FashionMnist.SIDE);
      return new ProbeData(ModelInputs.of(model, random), count + " random images (Fashion-MNIST is not installed)");
    }
  }

  public long examples() {
    return inputs[0].size(0);
  }
}
