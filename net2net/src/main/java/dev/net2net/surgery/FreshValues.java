package dev.net2net.surgery;

import dev.net2net.model.ModelHandle;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's own random initialisation of one layer, drawn into new arrays: what {@code init()} would
 * have given the layer, for the parameters that are meant to start random, without drawing the rest
 * of the network. The draws come from ND4J's random generator, which the caller seeds.
 */
public final class FreshValues {
  private FreshValues() {}

  /** Every parameter of {@code layer} of {@code model}, freshly initialised, by key. */
  public static Map<String, INDArray> draw(ModelHandle model, String layer) {
    // A copy, so that the initializer's bookkeeping (it registers parameter names) leaves the
    // network alone.
    NeuralNetConfiguration conf = model.layerConfiguration(layer).clone();
    ParamInitializer initializer = conf.getLayer().initializer();
    long count = initializer.numParams(conf);
    if (count == 0) {
      return Map.of();
    }
    INDArray scratch = Nd4j.createUninitialized(model.model().params().dataType(), count);
    return initializer.init(conf, scratch, true);
  }

  /**
   * Seeds ND4J's generator, as DL4J's {@code init()} does with the network's seed before drawing.
   */
  public static void seed(long seed) {
    Nd4j.getRandom().setSeed(seed);
  }
}
