package dev.net2net.bench;

import dev.net2net.training.seed.Seed;
import dev.net2net.training.seed.SeedModels;
import dev.net2net.zoo.MiniInception;
import dev.net2net.zoo.SmallResNet;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The experiments' architectures: the daemon's seed MLP, the zoo's mini Inception-BN and its small
 * ResNet, Adam at 1e-3.
 */
public final class Models {
  public static final double LEARNING_RATE = 1e-3;

  /** The paper's teacher had about 0.54 (sqrt 0.3) of the student's channels per tower. */
  public static final double TEACHER_WIDTH = 0.54;

  /** The standard MLP's hidden layers (named hidden1, hidden2 by the daemon's seed model). */
  public static final int MLP_WIDTH = 256;

  /** The small ResNet's channels on its residual stream and inside its blocks, and its blocks. */
  public static final int RESNET_WIDTH = 16;

  public static final int RESNET_BLOCKS = 2;

  private Models() {}

  /** The zoo's small ResNet (Adam at 1e-3) at {@code width} channels. */
  public static ComputationGraph resnet(int width, long seed) {
    return new SmallResNet(width, RESNET_BLOCKS, seed).build();
  }

  public static int narrowResnetWidth() {
    return (int) Math.round(RESNET_WIDTH * TEACHER_WIDTH);
  }

  public static MultiLayerNetwork mlp(int width, long seed) {
    return (MultiLayerNetwork)
        SeedModels.build(new Seed.Mlp(List.of(width, width), "relu", LEARNING_RATE), seed);
  }

  public static int narrowMlpWidth() {
    return (int) Math.round(MLP_WIDTH * TEACHER_WIDTH);
  }

  public static ComputationGraph inception(double multiplier, long seed) {
    return MiniInception.standard()
        .widthMultiplier(multiplier)
        .seed(seed)
        .updater(new Adam(LEARNING_RATE))
        .build();
  }
}
