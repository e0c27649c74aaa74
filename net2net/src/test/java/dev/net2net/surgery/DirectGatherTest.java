package dev.net2net.surgery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A gather written straight into the student ({@link ParamEdit.Gather#applyInto}) gives what the
 * gather through ND4J's operations ({@link ParamEdit.Gather#apply}) gives, bit for bit, on arrays
 * laid out as a network's parameters are: views at an offset inside a larger flat buffer, {@code c}
 * or {@code f} order, float or double, any axis of rank 1 to 4, scales of 1 and others. So do its
 * plain copy and its zero fill. It writes nothing outside its target, and declines (writing
 * nothing) what it cannot do directly.
 */
class DirectGatherTest {

  @Property(tries = 300)
  void writesWhatTheOperationsComputeAndNothingElse(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    Random r = new Random(seed);
    DataType type = r.nextBoolean() ? DataType.FLOAT : DataType.DOUBLE;
    char order = r.nextBoolean() ? 'c' : 'f';
    int rank = 1 + r.nextInt(4);
    long[] shape = new long[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = 1 + r.nextInt(5);
    }
    int axis = r.nextInt(rank);
    int newSize = (int) shape[axis] + r.nextInt(4);
    int[] source = new int[newSize];
    double[] valueScale = new double[newSize];
    double[] gradientScale = new double[newSize];
    for (int i = 0; i < newSize; i++) {
      source[i] = i < shape[axis] ? i : r.nextInt((int) shape[axis]);
      valueScale[i] = r.nextInt(3) == 0 ? 1.0 : 1.0 / (1 + r.nextInt(4));
      gradientScale[i] = r.nextInt(3) == 0 ? 1.0 : 1.0 + r.nextInt(3);
    }
    ParamEdit.Gather gather = new ParamEdit.Gather(axis, source, valueScale, gradientScale);
    long[] targetShape = shape.clone();
    targetShape[axis] = newSize;

    INDArray param =
        viewInside(Nd4j.rand(type, 1, length(shape) + 7).muli(10).subi(5), 3, shape, order);
    INDArray flat = Nd4j.valueArrayOf(new long[] {length(targetShape) + 11}, -99.0, type);
    INDArray target =
        flat.get(NDArrayIndex.interval(5, 5 + length(targetShape))).reshape(order, targetShape);
    Statistics.collect(type + " " + order);

    boolean stateEdit = r.nextBoolean();
    int momentOrder = 1 + r.nextInt(2);
    boolean direct =
        stateEdit
            ? gather.applyToStateInto(param, momentOrder, target)
            : gather.applyInto(param, target);
    INDArray expected = stateEdit ? gather.applyToState(param, momentOrder) : gather.apply(param);

    assertThat(direct).as("a contiguous %s %s array is gathered directly", type, order).isTrue();
    assertThat(bits(target))
        .as("shape %s axis %d source %s", Arrays.toString(shape), axis, Arrays.toString(source))
        .isEqualTo(bits(expected));
    for (long i : new long[] {0, 1, 2, 3, 4, flat.length() - 6, flat.length() - 1}) {
      assertThat(flat.getDouble(i)).as("element %d outside the target", i).isEqualTo(-99.0);
    }
  }

  @Property(tries = 100)
  void copiesAndZeroesExactlyTheTarget(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    Random r = new Random(seed);
    DataType type = r.nextBoolean() ? DataType.FLOAT : DataType.DOUBLE;
    char order = r.nextBoolean() ? 'c' : 'f';
    long[] shape = new long[1 + r.nextInt(4)];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = 1 + r.nextInt(6);
    }
    INDArray param = viewInside(Nd4j.rand(type, 1, length(shape) + 9).subi(0.5), 4, shape, order);
    INDArray flat = Nd4j.valueArrayOf(new long[] {length(shape) + 11}, -99.0, type);
    INDArray target = flat.get(NDArrayIndex.interval(5, 5 + length(shape))).reshape(order, shape);

    assertThat(DirectGather.copy(param, target)).isTrue();
    assertThat(bits(target)).isEqualTo(bits(param));
    assertThat(DirectGather.zero(target)).isTrue();
    assertThat(bits(target)).containsOnly(0.0);
    for (long i : new long[] {0, 4, flat.length() - 6, flat.length() - 1}) {
      assertThat(flat.getDouble(i)).as("element %d outside the target", i).isEqualTo(-99.0);
    }
  }

  @Test
  void declinesAStridedViewAndAMisshapenTargetWithoutWriting() {
    ParamEdit.Gather gather =
        new ParamEdit.Gather(
            0, new int[] {0, 1, 1}, new double[] {1, 0.5, 0.5}, new double[] {1, 1, 1});
    INDArray strided =
        Nd4j.rand(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
    INDArray target = Nd4j.valueArrayOf(new long[] {3, 3}, -1f);
    assertThat(gather.applyInto(strided, target)).isFalse();
    assertThat(target.minNumber().doubleValue()).isEqualTo(-1.0);
    assertThat(target.maxNumber().doubleValue()).isEqualTo(-1.0);

    INDArray param = Nd4j.rand(DataType.FLOAT, 2, 3);
    INDArray wrong = Nd4j.valueArrayOf(new long[] {4, 3}, -1f);
    assertThat(gather.applyInto(param, wrong)).isFalse();
    assertThat(wrong.maxNumber().doubleValue()).isEqualTo(-1.0);
  }

  /** A view of {@code shape} in {@code order}, {@code offset} elements into {@code flat}. */
  private static INDArray viewInside(INDArray flat, long offset, long[] shape, char order) {
    return flat.reshape(flat.length())
        .get(NDArrayIndex.interval(offset, offset + length(shape)))
        .reshape(order, shape);
  }

  private static long length(long[] shape) {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  /** Every element in logical (c) order, widened to double exactly. */
  private static double[] bits(INDArray array) {
    return array.dup('c').reshape('c', new long[] {array.length()}).toDoubleVector();
  }
}
