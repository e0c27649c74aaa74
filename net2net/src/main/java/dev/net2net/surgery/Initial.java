package dev.net2net.surgery;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What one parameter of an inserted layer starts as. Patterns ({@link Identity}, {@link Zeros}) are
 * written straight into the student's parameter, so that an identity layer of a million weights
 * costs one pass over them, not an array built in the plan and then copied.
 */
public sealed interface Initial {

  /** Writes the initial value into {@code target}, a parameter of the student. */
  void writeInto(String where, INDArray target);

  /** The initial value as a new array shaped like the parameter. */
  INDArray values(long[] shape, DataType type);

  static Initial of(INDArray values) {
    return new Given(values);
  }

  /**
   * 1 where the first two indices are equal and every further index is at the centre of its axis,
   * else 0.
   */
  static Initial identity() {
    return new Identity();
  }

  static Initial zeros() {
    return new Zeros();
  }

  /** Every array of {@code params} as given values, in the same order. */
  static Map<String, Initial> given(Map<String, INDArray> params) {
    Map<String, Initial> initial = new LinkedHashMap<>();
    params.forEach((key, value) -> initial.put(key, of(value)));
    return initial;
  }

  /** Values computed in the plan (a batch normalization's measured statistics, say). */
  record Given(INDArray values) implements Initial {
    public Given {
      if (values == null) {
        throw new IllegalArgumentException("initial values are required");
      }
    }

    @Override
    public void writeInto(String where, INDArray target) {
      INDArray value = values;
      if (target.isVector() && value.isVector() && target.length() == value.length()) {
        // Bias-like parameters are [n] or [1, n] depending on the layer; the values are what
        // matter.
        value = value.reshape(target.shape());
      }
      if (!Arrays.equals(target.shape(), value.shape())) {
        throw new IllegalStateException(
            where
                + ": planned "
                + Arrays.toString(value.shape())
                + " but the student's parameter is "
                + Arrays.toString(target.shape()));
      }
      target.assign(value);
    }

    @Override
    public INDArray values(long[] shape, DataType type) {
      return values;
    }
  }

  /**
   * The identity of a dense layer (an n x n identity matrix) or of a convolution (a kernel that
   * passes channel c to channel c through its centre tap).
   */
  record Identity() implements Initial {
    @Override
    public void writeInto(String where, INDArray target) {
      if (target.rank() < 2) {
        throw new IllegalStateException(
            where
                + ": an identity needs at least two axes, the parameter is "
                + Arrays.toString(target.shape()));
      }
      if (!DirectGather.zero(target)) {
        target.assign(0);
      }
      long[] index = new long[target.rank()];
      for (int d = 2; d < index.length; d++) {
        index[d] = target.size(d) / 2;
      }
      long diagonal = Math.min(target.size(0), target.size(1));
      for (long i = 0; i < diagonal; i++) {
        index[0] = i;
        index[1] = i;
        target.putScalar(index, 1.0);
      }
    }

    @Override
    public INDArray values(long[] shape, DataType type) {
      INDArray values = Nd4j.create(type, shape);
      writeInto("identity", values);
      return values;
    }
  }

  record Zeros() implements Initial {
    @Override
    public void writeInto(String where, INDArray target) {
      if (!DirectGather.zero(target)) {
        target.assign(0);
      }
    }

    @Override
    public INDArray values(long[] shape, DataType type) {
      return Nd4j.create(type, shape);
    }
  }
}
