package dev.net2net.continuation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.Transformed;
import dev.net2net.model.LayerRef;
import dev.net2net.model.ModelHandle;
import dev.net2net.surgery.ParamRef;
import dev.net2net.surgery.UpdaterStates;
import dev.net2net.testing.Nets;
import dev.net2net.testing.Probes;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Carrying Adam's state across Net2WiderNet: the state is mapped the way the replicas' gradients
 * relate to the original unit's, which this test measures on real data rather than assumes.
 */
class OptimizerStateTest {
  private MultiLayerNetwork teacher;
  private DataSet batch;

  @BeforeEach
  void trainATeacherForAFewSteps() {
    teacher =
        Nets.chain(
            new Adam(1e-3),
            Nets.flat(),
            new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(),
            new DenseLayer.Builder().nOut(9).activation(Activation.RELU).build());
    var data = Probes.fashionTrain().slice(0, 256);
    batch = data.toDataSet();
    for (int i = 0; i < 5; i++) {
      teacher.fit(batch);
    }
  }

  private Transformed<MultiLayerNetwork> widen(OptimizerState state) {
    return Net2WiderNet.widen(
        teacher,
        new WidenRequest(
            LayerRef.named("layer0"),
            Width.units(20),
            Noise.none(),
            11,
            new Continuation(1.0, state)));
  }

  /** The teacher unit each student unit of layer0 copies, read from the copied incoming weights. */
  private int[] mapping(MultiLayerNetwork student) {
    INDArray t = teacher.getLayer(0).getParam("W");
    INDArray s = student.getLayer(0).getParam("W");
    int[] g = new int[(int) s.size(1)];
    for (int j = 0; j < g.length; j++) {
      g[j] = -1;
      for (int k = 0; k < t.size(1); k++) {
        if (s.getColumn(j).equals(t.getColumn(k))) {
          g[j] = k;
        }
      }
      assertThat(g[j]).as("student unit %d copies a teacher unit", j).isNotNegative();
    }
    return g;
  }

  private static int[] copies(int[] g, int n) {
    int[] c = new int[n];
    for (int s : g) {
      c[s]++;
    }
    return c;
  }

  private static INDArray gradient(MultiLayerNetwork net, DataSet batch, String key) {
    net.setInput(batch.getFeatures());
    net.setLabels(batch.getLabels());
    net.computeGradientAndScore();
    return net.gradient().getGradientFor(key).castTo(DataType.DOUBLE).dup();
  }

  @Test
  void replicasGradientsRelateToTheOriginalsAsTheStateMappingAssumes() {
    MultiLayerNetwork student = widen(OptimizerState.RESET).student();
    int[] g = mapping(student);
    int[] c = copies(g, 12);
    INDArray teacherIn = gradient(teacher, batch, "0_W");
    INDArray studentIn = gradient(student, batch, "0_W");
    INDArray teacherOut = gradient(teacher, batch, "1_W");
    INDArray studentOut = gradient(student, batch, "1_W");
    // float32 gradients summed over 256 examples in a different order: agreement to 1e-5 of the
    // largest
    // entry; a wrong relation (no division, or division by the wrong count) is off by 50% or more.
    double inTolerance = 1e-5 * teacherIn.amaxNumber().doubleValue();
    double outTolerance = 1e-5 * teacherOut.amaxNumber().doubleValue();
    for (int j = 0; j < g.length; j++) {
      INDArray expectedIn = teacherIn.getColumn(g[j]).div(c[g[j]]);
      assertThat(studentIn.getColumn(j).sub(expectedIn).amaxNumber().doubleValue())
          .as("incoming gradient of unit %d = original / %d", j, c[g[j]])
          .isLessThan(inTolerance);
      assertThat(studentOut.getRow(j).sub(teacherOut.getRow(g[j])).amaxNumber().doubleValue())
          .as("outgoing gradient of unit %d = original", j)
          .isLessThan(outTolerance);
    }
    assertThat(java.util.Arrays.stream(c).max().getAsInt())
        .as("some unit was replicated")
        .isGreaterThan(1);
  }

  @Test
  void carriedAdamMomentsAreScaledByCopiesOnTheIncomingSideAndCopiedOnTheOutgoingSide() {
    Transformed<MultiLayerNetwork> wider = widen(OptimizerState.CARRY);
    MultiLayerNetwork student = wider.student();
    int[] g = mapping(student);
    int[] c = copies(g, 12);
    Map<ParamRef, UpdaterStates.State> before = UpdaterStates.read(ModelHandle.of(teacher));
    Map<ParamRef, UpdaterStates.State> after = UpdaterStates.read(ModelHandle.of(student));
    INDArray m0 = before.get(new ParamRef("layer0", "W")).components().get(0);
    INDArray v0 = before.get(new ParamRef("layer0", "W")).components().get(1);
    INDArray m0s = after.get(new ParamRef("layer0", "W")).components().get(0);
    INDArray v0s = after.get(new ParamRef("layer0", "W")).components().get(1);
    INDArray m1 = before.get(new ParamRef("layer1", "W")).components().get(0);
    INDArray m1s = after.get(new ParamRef("layer1", "W")).components().get(0);
    assertThat(m0.amaxNumber().doubleValue()).as("the teacher has state to carry").isGreaterThan(0);
    for (int j = 0; j < g.length; j++) {
      double k = c[g[j]];
      assertThat(m0s.getColumn(j).sub(m0.getColumn(g[j]).div(k)).amaxNumber().doubleValue())
          .isLessThan(1e-9);
      assertThat(v0s.getColumn(j).sub(v0.getColumn(g[j]).div(k * k)).amaxNumber().doubleValue())
          .isLessThan(1e-12);
      assertThat(m1s.getRow(j)).isEqualTo(m1.getRow(g[j]));
    }
    assertThat(after.get(new ParamRef("layer2", "W")).components().get(0))
        .isEqualTo(before.get(new ParamRef("layer2", "W")).components().get(0));
    assertThat(student.getLayerWiseConfigurations().getIterationCount())
        .as("Adam's bias correction needs the moments' age")
        .isEqualTo(teacher.getLayerWiseConfigurations().getIterationCount());
    assertThat(student.getLayerWiseConfigurations().getEpochCount()).isZero();
  }

  /**
   * PReLU's slopes follow their units, and so do their Adam moments: a replica's slope gradient is
   * 1/c of the original's (its output is read divided by c), as for the widened layer's own
   * weights. DL4J 1.0.0-M2.1 cannot back-propagate through a feed-forward PReLU (its native
   * prelu_bp op fails validation on a [units] slope), so the state is written into the teacher's
   * updater rather than trained into it, and the gradient relation is the one measured for dense
   * units above.
   */
  @Test
  void preluSlopesAndTheirAdamMomentsAreReplicatedWithTheUnits() {
    MultiLayerNetwork withPrelu =
        Nets.chain(
            new Adam(1e-3),
            Nets.flat(),
            new DenseLayer.Builder().nOut(12).activation(Activation.IDENTITY).build(),
            new org.deeplearning4j.nn.conf.layers.PReLULayer.Builder().inputShape(12).build(),
            new DenseLayer.Builder().nOut(9).activation(Activation.RELU).build());
    float[] values = new float[12];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1;
    }
    INDArray slopes = org.nd4j.linalg.factory.Nd4j.createFromArray(values).muli(0.05);
    withPrelu
        .getLayer(1)
        .getParam("W")
        .assign(slopes.reshape(withPrelu.getLayer(1).getParam("W").shape()));
    INDArray m = org.nd4j.linalg.factory.Nd4j.createFromArray(values).muli(1e-3);
    INDArray v = m.mul(m).muli(3);
    ModelHandle handle = ModelHandle.of(withPrelu);
    UpdaterStates.write(handle, Map.of(new ParamRef("layer1", "W"), java.util.List.of(m, v)));

    MultiLayerNetwork student =
        Net2WiderNet.widen(
                withPrelu,
                new WidenRequest(
                    LayerRef.named("layer0"),
                    Width.units(20),
                    Noise.none(),
                    11,
                    new Continuation(1.0, OptimizerState.CARRY)))
            .student();
    MultiLayerNetwork saved = teacher;
    teacher = withPrelu;
    int[] g = mapping(student);
    teacher = saved;
    int[] c = copies(g, 12);
    INDArray alphaStudent = student.getLayer(1).getParam("W");
    Map<ParamRef, UpdaterStates.State> after = UpdaterStates.read(ModelHandle.of(student));
    INDArray ms = after.get(new ParamRef("layer1", "W")).components().get(0);
    INDArray vs = after.get(new ParamRef("layer1", "W")).components().get(1);
    assertThat(alphaStudent.length()).isEqualTo(20);
    for (int j = 0; j < g.length; j++) {
      double k = c[g[j]];
      assertThat(alphaStudent.getDouble(j))
          .as("slope of unit %d", j)
          .isEqualTo(slopes.getDouble(g[j]));
      assertThat(ms.getDouble(j))
          .as("m of unit %d", j)
          .isCloseTo(m.getDouble(g[j]) / k, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(vs.getDouble(j))
          .as("v of unit %d", j)
          .isCloseTo(v.getDouble(g[j]) / (k * k), org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(java.util.Arrays.stream(c).max().getAsInt())
        .as("some unit was replicated")
        .isGreaterThan(1);
  }

  @Test
  void resetStateIsZeroAndCountersRestart() {
    MultiLayerNetwork student = widen(OptimizerState.RESET).student();
    for (UpdaterStates.State state : UpdaterStates.read(ModelHandle.of(student)).values()) {
      for (INDArray component : state.components()) {
        assertThat(component.amaxNumber().doubleValue()).isZero();
      }
    }
    assertThat(student.getLayerWiseConfigurations().getIterationCount()).isZero();
  }

  @Test
  void theStudentContinuesAtTheScaledRateAndTrains() {
    Transformed<MultiLayerNetwork> wider =
        Net2WiderNet.widen(
            teacher,
            WidenRequest.of("layer0", 20)
                .withContinuation(
                    Continuation.reducedRate().withOptimizerState(OptimizerState.CARRY)));
    MultiLayerNetwork student = wider.student();
    Adam adam =
        (Adam)
            ((org.deeplearning4j.nn.conf.layers.BaseLayer) student.getLayer(0).conf().getLayer())
                .getIUpdater();
    assertThat(adam.getLearningRate()).isCloseTo(1e-4, org.assertj.core.data.Offset.offset(1e-12));
    double before = student.score(batch);
    student.fit(batch);
    assertThat(student.score(batch))
        .as("one step at the carried state lowers the loss")
        .isLessThan(before);
  }
}
