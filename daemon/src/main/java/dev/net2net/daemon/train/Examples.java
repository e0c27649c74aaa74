package dev.net2net.daemon.train;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelInputs;
import dev.net2net.model.ModelHandle;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Labelled images shaped for one model: the features it takes and the one-hot labels. */
public record Examples(INDArray features, INDArray labels) {
  public Examples {
    if (features.size(0) != labels.size(0)) {
      throw new IllegalArgumentException(features.size(0) + " examples but " + labels.size(0) + " labels");
    }
  }

  public static Examples forModel(Model model, LabeledImages images) {
    return new Examples(ModelInputs.of(ModelHandle.of(model), images)[0], images.labels());
  }

  public int size() {
    return (int) features.size(0);
  }
}
