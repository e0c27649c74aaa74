package dev.net2net.bench.experiments;

import dev.net2net.bench.Models;
import dev.net2net.bench.train.CurveTrainer;
import dev.net2net.continuation.Continuation;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Noise;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conv-net family of the faithful experiments ({@link ConvNets}, {@link Schedules}): its narrow
 * teacher and how Net2WiderNet, random pad, Net2DeeperNet and the design-space growth (wider, then
 * deeper) make students of it. Both families' teachers have 0.54x (the paper's sqrt(0.3)) of the
 * student's channels.
 */
enum ConvFamily {
  /**
   * The zoo's mini-Inception: towers widened to the standard width ({@code Towers.widen}; the stem
   * keeps the teacher's width), one identity 3x3 convolution with identity batch normalization at
   * the end of every tower.
   */
  INCEPTION("inception") {
    @Override
    Model teacher(long seed) {
      return Models.inception(Models.TEACHER_WIDTH, seed);
    }

    @Override
    String teacherName() {
      return "inception-" + Models.TEACHER_WIDTH;
    }

    @Override
    Arms.Made wider(Model t, Noise noise, long seed, Continuation c, INDArray probes) {
      return Arms.widenTowers(
          (ComputationGraph) t, 1 / Models.TEACHER_WIDTH, noise, seed, c, probes);
    }

    @Override
    Arms.Made pad(Model t, Model wider, long seed, Continuation c, INDArray probes) {
      return Arms.padTowers((ComputationGraph) t, (ComputationGraph) wider, seed, c, probes);
    }

    @Override
    Arms.Made deeper(Model t, Continuation c, INDArray probes, boolean measure) {
      return Arms.deepenTowers((ComputationGraph) t, 1, c, probes, measure);
    }

    @Override
    String describe() {
      return "mini-Inception: a teacher with towers at "
          + Models.TEACHER_WIDTH
          + "x the standard width; wider = every tower convolution widened to the standard width"
          + " (`Towers.widen`, the stem keeps the teacher's width); deeper = one identity 3x3"
          + " convolution with an identity batch normalization at the end of every tower"
          + " (`Towers.deepen`); design = wider, then deeper";
    }
  },
  /**
   * The zoo's small ResNet (two blocks): the residual stream and every block's inner convolution
   * widened to {@link Models#RESNET_WIDTH}; a residual block (random inner 3x3 convolution with
   * identity batch normalization, zero outer convolution) after every block.
   */
  RESNET("resnet") {
    private static final List<String> WIDENED = List.of("b1_conv2", "b1_conv1", "b2_conv1");
    private static final List<String> DEEPENED = List.of("b1_relu2", "b2_relu2");

    @Override
    Model teacher(long seed) {
      return Models.resnet(Models.narrowResnetWidth(), seed);
    }

    @Override
    String teacherName() {
      return "resnet-" + Models.narrowResnetWidth();
    }

    @Override
    Arms.Made wider(Model t, Noise noise, long seed, Continuation c, INDArray probes) {
      return Arms.widenChain(t, WIDENED, Models.RESNET_WIDTH, noise, seed, c, probes);
    }

    @Override
    Arms.Made pad(Model t, Model wider, long seed, Continuation c, INDArray probes) {
      return Arms.padChain(t, WIDENED, Models.RESNET_WIDTH, seed, c, probes);
    }

    @Override
    Arms.Made deeper(Model t, Continuation c, INDArray probes, boolean measure) {
      return Arms.deepenResidual((ComputationGraph) t, DEEPENED, c, probes, measure);
    }

    @Override
    String describe() {
      return "small ResNet (`SmallResNet`, "
          + Models.RESNET_BLOCKS
          + " blocks of conv-BN-ReLU-conv-BN + skip): a teacher with "
          + Models.narrowResnetWidth()
          + " channels; wider = the residual stream (stem and every block's second convolution,"
          + " one mapping through the add vertices) and every block's first convolution widened to "
          + Models.RESNET_WIDTH
          + "; deeper = a residual block (a random 3x3 convolution with an identity batch"
          + " normalization and ReLU, then a zero 3x3 convolution, added to its input) after"
          + " every block; design = wider, then deeper";
    }
  };

  final String label;

  ConvFamily(String label) {
    this.label = label;
  }

  abstract Model teacher(long seed);

  abstract String teacherName();

  /** Net2WiderNet to the student's width (or random pad's architecture with {@code noise} none). */
  abstract Arms.Made wider(Model t, Noise noise, long seed, Continuation c, INDArray probes);

  /** Random pad to the widths of {@code wider} (a Net2WiderNet student of the same teacher). */
  abstract Arms.Made pad(Model t, Model wider, long seed, Continuation c, INDArray probes);

  abstract Arms.Made deeper(Model t, Continuation c, INDArray probes, boolean measure);

  abstract String describe();

  /**
   * The design-space growth: wider, then deeper; the rate scale applies once, on the first step.
   */
  Arms.Made design(
      Model t, Noise noise, long seed, Continuation c, INDArray probes, boolean measure) {
    var clock = new CurveTrainer.Clock();
    Arms.Made wide = wider(t, noise, seed, c, null);
    Arms.Made deep = deeper(wide.model(), Arms.step(c, 1), probes, false);
    double wall = clock.wall();
    double cpu = clock.cpu();
    double diff =
        measure ? Preservation.measure(t, deep.model(), probes).maxAbsDifference() : Double.NaN;
    return new Arms.Made(deep.model(), wall, cpu, diff);
  }

  static ConvFamily named(String label) {
    for (ConvFamily f : values()) {
      if (f.label.equals(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown conv family '" + label + "'; known: inception, resnet");
  }
}
