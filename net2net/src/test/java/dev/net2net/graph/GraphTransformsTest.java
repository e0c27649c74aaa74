package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Probes;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.zoo.MiniInception;
import dev.net2net.zoo.SmallResNet;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GraphTransformsTest {
  private final INDArray images = Probes.fashion(0, 64);

  private static ComputationGraph inception() {
    ComputationGraph g = MiniInception.standard().widthMultiplier(0.5).build();
    NetSpec.randomiseBatchNorm(g, new Random(1));
    return g;
  }

  @Test
  void widenATowerOfAConcatenation() {
    ComputationGraph teacher = inception();
    INDArray before = teacher.params().dup();
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(teacher, WidenRequest.of("m1_t3_conv2", 20), images);
    System.out.println(wider.report().render());
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
    assertThat(teacher.params()).isEqualTo(before);
  }

  @Test
  void widenTheStemThatFeedsEveryTower() {
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(inception(), WidenRequest.of("stem_conv", 30), images);
    System.out.println(wider.report().render());
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
  }

  @Test
  void widenAResidualStream() {
    ComputationGraph teacher = new SmallResNet(6, 2, 3).build();
    NetSpec.randomiseBatchNorm(teacher, new Random(2));
    Transformed<ComputationGraph> wider =
        Net2WiderNet.widen(teacher, WidenRequest.of("b1_conv2", 10), images);
    System.out.println(wider.report().render());
    assertThat(wider.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-5);
  }

  @Test
  void deepenATowerAndAfterAConcatenation() {
    ComputationGraph teacher = inception();
    Transformed<ComputationGraph> deeper =
        Net2DeeperNet.deepen(
            teacher,
            DeepenRequest.after("m1_t3_relu2").withBatchNorm(BatchNormMode.IDENTITY),
            images);
    System.out.println(deeper.report().render());
    assertThat(deeper.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-6);
    Transformed<ComputationGraph> afterMerge =
        Net2DeeperNet.deepen(teacher, DeepenRequest.after("m1"), images);
    System.out.println(afterMerge.report().render());
    assertThat(afterMerge.report().preservation().orElseThrow().maxAbsDifference())
        .isLessThanOrEqualTo(1e-6);
  }
}
