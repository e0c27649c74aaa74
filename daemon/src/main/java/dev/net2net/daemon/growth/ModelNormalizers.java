package dev.net2net.daemon.growth;

import dev.net2net.io.ModelFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * The feature standardisation a model zip carries (DL4J's normaliser entry in the zip): fitted when
 * the seed is trained, copied unchanged into every grown version, so a grown model sees its
 * parent's inputs and an exported artifact carries its preprocessing.
 */
final class ModelNormalizers {
  private ModelNormalizers() {}

  static Optional<DataNormalization> read(Path zip) {
    try {
      return Optional.ofNullable(ModelSerializer.restoreNormalizerFromFile(zip.toFile()));
    } catch (IOException | RuntimeException e) {
      throw new ModelFileException(zip + ": its normaliser cannot be read: " + e.getMessage(), e);
    }
  }

  static void write(Path zip, DataNormalization normalizer) {
    try {
      ModelSerializer.addNormalizerToModel(zip.toFile(), normalizer);
    } catch (RuntimeException e) {
      throw new ModelFileException(zip + ": cannot add the normaliser: " + e.getMessage(), e);
    }
  }
}
