package dev.net2net.surgery;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One change to a parameter array, and the matching change to the optimizer state that belongs to
 * it. An edit never modifies its input; it returns a new array.
 */
public sealed interface ParamEdit {

  INDArray apply(INDArray param);

  /**
   * The same change to one component of the optimizer state (shaped like the parameter). {@code
   * momentOrder} says how that component scales with the gradient: 1 for a first moment (Adam's m,
   * momentum), 2 for a second moment (Adam's v, RMSProp), 0 for neither.
   */
  INDArray applyToState(INDArray state, int momentOrder);

  /**
   * Writes what {@link #apply} returns straight into {@code target}, a parameter of the student
   * shaped like the result, and returns true; or returns false, having written nothing, when this
   * edit has no direct way for these arrays, and the caller applies and assigns. Either way the
   * values are the same, bit for bit.
   */
  default boolean applyInto(INDArray param, INDArray target) {
    return false;
  }

  /** {@link #applyToState} written straight into {@code target}, like {@link #applyInto}. */
  default boolean applyToStateInto(INDArray state, int momentOrder, INDArray target) {
    return false;
  }

  /**
   * Index {@code i} along {@code axis} of the result takes index {@code source[i]} of the input,
   * times {@code valueScale[i]}. {@code gradientScale[i]} is how the gradient of that slice relates
   * to the gradient of its source, which is what the optimizer state is mapped by.
   */
  record Gather(int axis, int[] source, double[] valueScale, double[] gradientScale)
      implements ParamEdit {
    public Gather {
      if (source.length != valueScale.length || source.length != gradientScale.length) {
        throw new IllegalArgumentException("source and scales differ in length");
      }
      source = source.clone();
      valueScale = valueScale.clone();
      gradientScale = gradientScale.clone();
    }

    @Override
    public INDArray apply(INDArray param) {
      return gather(param, valueScale);
    }

    @Override
    public INDArray applyToState(INDArray state, int momentOrder) {
      return gather(state, stateScale(momentOrder));
    }

    @Override
    public boolean applyInto(INDArray param, INDArray target) {
      checkSources(param);
      return DirectGather.into(param, axis, source, valueScale, target);
    }

    @Override
    public boolean applyToStateInto(INDArray state, int momentOrder, INDArray target) {
      checkSources(state);
      return DirectGather.into(state, axis, source, stateScale(momentOrder), target);
    }

    private double[] stateScale(int momentOrder) {
      double[] scale = new double[gradientScale.length];
      for (int i = 0; i < scale.length; i++) {
        scale[i] = Math.pow(gradientScale[i], momentOrder);
      }
      return scale;
    }

    private void checkSources(INDArray array) {
      Axes.checkAxis(array, axis, "gather");
      long size = array.size(axis);
      for (int s : source) {
        if (s < 0 || s >= size) {
          throw new IllegalArgumentException(
              "source index "
                  + s
                  + " outside axis "
                  + axis
                  + " of "
                  + Arrays.toString(array.shape()));
        }
      }
    }

    private INDArray gather(INDArray array, double[] scale) {
      checkSources(array);
      INDArray rows = Axes.rowsAlong(array, axis);
      INDArray picked = rows.getRows(source);
      INDArray factors =
          Nd4j.createFromArray(scale).castTo(array.dataType()).reshape(scale.length, 1);
      picked.muliColumnVector(factors);
      return Axes.fromRows(picked, array.shape(), axis, array.ordering());
    }

    @Override
    public String toString() {
      return "Gather[axis=" + axis + ", " + source.length + " slices]";
    }
  }

  /**
   * Symmetry-breaking noise on the replicas of a unit. {@code groups[i]} names the unit that index
   * {@code i} along {@code axis} copies; indices sharing a group are replicas of one another. With
   * {@code zeroSum}, each group's noise sums to zero, so the outputs that read the replicas are
   * unchanged (up to rounding) while the replicas' gradients differ; otherwise every replica but
   * the first gets independent noise, as in the paper.
   */
  record ReplicaNoise(int axis, int[] groups, double stddev, long seed, boolean zeroSum)
      implements ParamEdit {
    public ReplicaNoise {
      groups = groups.clone();
      if (!(stddev >= 0) || Double.isInfinite(stddev)) {
        throw new IllegalArgumentException(
            "noise standard deviation must be finite and non-negative: " + stddev);
      }
    }

    @Override
    public INDArray apply(INDArray param) {
      Axes.checkAxis(param, axis, "noise");
      INDArray rows = Axes.rowsAlong(param, axis);
      int width = (int) rows.size(1);
      double[][] noise = new double[groups.length][];
      Random random = new Random(seed);
      java.util.Map<Integer, java.util.List<Integer>> members = new java.util.TreeMap<>();
      for (int i = 0; i < groups.length; i++) {
        members.computeIfAbsent(groups[i], k -> new java.util.ArrayList<>()).add(i);
      }
      for (java.util.List<Integer> group : members.values()) {
        if (group.size() < 2) {
          continue;
        }
        double[] mean = new double[width];
        for (int m = 0; m < group.size(); m++) {
          if (!zeroSum && m == 0) {
            continue;
          }
          double[] row = new double[width];
          for (int c = 0; c < width; c++) {
            row[c] = random.nextGaussian() * stddev;
            mean[c] += row[c] / group.size();
          }
          noise[group.get(m)] = row;
        }
        if (zeroSum) {
          for (int index : group) {
            for (int c = 0; c < width; c++) {
              noise[index][c] -= mean[c];
            }
          }
        }
      }
      for (int i = 0; i < noise.length; i++) {
        if (noise[i] != null) {
          rows.getRow(i).addi(Nd4j.createFromArray(noise[i]).castTo(rows.dataType()));
        }
      }
      return Axes.fromRows(rows, param.shape(), axis, param.ordering());
    }

    @Override
    public INDArray applyToState(INDArray state, int momentOrder) {
      return state.dup(state.ordering());
    }
  }

  /**
   * An edit of a 1D convolution's kernel as DL4J 1.0.0-M2.1 computes with it. The parameter is
   * declared {@code [nOut, nIn, k, 1]}, but the layer reshapes (it does not permute) its c-ordered
   * values into the {@code [k, nIn, nOut]} kernel of its 1D convolution. {@code inner} edits that
   * kernel (inputs on axis 1, units on axis 2), and the result is reshaped back the way DL4J will
   * read it.
   */
  record Convolution1DKernel(ParamEdit inner) implements ParamEdit {
    public Convolution1DKernel {
      java.util.Objects.requireNonNull(inner, "inner");
    }

    @Override
    public INDArray apply(INDArray param) {
      return fromKernel(inner.apply(kernel(param)), param.ordering());
    }

    @Override
    public INDArray applyToState(INDArray state, int momentOrder) {
      return fromKernel(inner.applyToState(kernel(state), momentOrder), state.ordering());
    }

    /** The kernel DL4J convolves with, from a parameter shaped {@code [nOut, nIn, k, 1]}. */
    public static INDArray kernel(INDArray param) {
      if (param.rank() != 4 || param.size(3) != 1) {
        throw new IllegalArgumentException(
            "a 1D convolution's weights are [nOut, nIn, k, 1], got "
                + Arrays.toString(param.shape()));
      }
      return param.dup('c').reshape('c', param.size(2), param.size(1), param.size(0));
    }

    /** The parameter, shaped {@code [nOut, nIn, k, 1]}, holding a {@code [k, nIn, nOut]} kernel. */
    public static INDArray fromKernel(INDArray kernel, char order) {
      INDArray flat =
          kernel.dup('c').reshape('c', kernel.size(2), kernel.size(1), kernel.size(0), 1);
      return flat.dup(order);
    }
  }

  /** Adds a constant array: a bias absorbing a shift that an inserted layer introduced. */
  record Add(INDArray delta) implements ParamEdit {
    @Override
    public INDArray apply(INDArray param) {
      if (!Arrays.equals(param.shape(), delta.shape())) {
        throw new IllegalArgumentException(
            "cannot add "
                + Arrays.toString(delta.shape())
                + " to "
                + Arrays.toString(param.shape()));
      }
      return param.add(delta.castTo(param.dataType()));
    }

    @Override
    public INDArray applyToState(INDArray state, int momentOrder) {
      return state.dup(state.ordering());
    }
  }
}
