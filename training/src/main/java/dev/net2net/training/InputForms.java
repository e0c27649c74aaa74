package dev.net2net.training;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.datasets.read.RowLayout;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.stream.CacheBatches;
import dev.net2net.io.ModelFileException;
import dev.net2net.io.ModelInputs;
import dev.net2net.model.ModelHandle;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether a model takes its rows flat ({@code [n, features]}) or as image tensors ({@code [n, c, h,
 * w]}), decided by the same rules that shape in-memory images ({@link ModelInputs}), on one blank
 * row.
 */
public final class InputForms {
  private InputForms() {}

  public static CacheBatches.Form of(Model model, RowLayout layout) {
    if (layout.image().isEmpty()) {
      return CacheBatches.Form.FLAT;
    }
    ImageShape image = layout.image().get();
    if (image.channels() != 1) {
      // Every seed takes colour images flat (convolutionalFlat); an imported convolution-first
      // model must too.
      return CacheBatches.Form.FLAT;
    }
    LabeledImages blank =
        new LabeledImages(
            Nd4j.zeros(1, (long) image.height() * image.width()),
            Nd4j.zeros(1, layout.classes()),
            image.height(),
            image.width());
    long rank = ModelInputs.of(ModelHandle.of(model), blank)[0].rank();
    if (rank == 4 && ModelInputs.of(ModelHandle.of(model), blank)[0].size(1) != 1) {
      throw new ModelFileException(
          "the model takes images channels-last (NHWC); streamed images are channels-first");
    }
    return rank == 4 ? CacheBatches.Form.IMAGE : CacheBatches.Form.FLAT;
  }
}
