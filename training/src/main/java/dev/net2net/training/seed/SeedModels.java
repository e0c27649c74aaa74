package dev.net2net.training.seed;

import dev.net2net.io.ModelFiles;
import dev.net2net.zoo.MiniInception;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The architecture a model starts as when it has no version yet, for 28x28 images in 10 classes. */
public final class SeedModels {
  private SeedModels() {}

  public static Model build(Seed seed, long randomSeed) {
    if (seed instanceof Seed.Mlp mlp) {
      var list = new NeuralNetConfiguration.Builder()
          .seed(randomSeed)
          .updater(new Adam(mlp.learningRate()))
          .weightInit(WeightInit.RELU)
          .list();
      for (int i = 0; i < mlp.hidden().size(); i++) {
        list.layer(new DenseLayer.Builder().name("hidden" + (i + 1)).nOut(mlp.hidden().get(i))
            .activation(Activation.fromString(mlp.activation())).build());
      }
      list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(10)
          .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
      MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.feedForward(784)).build());
      net.init();
      return net;
    }
    if (seed instanceof Seed.Inception inception) {
      return MiniInception.standard().widthMultiplier(inception.widthMultiplier()).modules(inception.modules())
          .seed(randomSeed).updater(new Adam(inception.learningRate())).build();
    }
    return ModelFiles.load(((Seed.Import) seed).zip());
  }

  public static boolean needsTraining(Seed seed) {
    return !(seed instanceof Seed.Import);
  }
}
