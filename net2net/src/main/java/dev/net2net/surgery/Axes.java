package dev.net2net.surgery;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves one axis of an array to the front and back, so that per-unit edits are edits of matrix
 * rows.
 */
final class Axes {
  private Axes() {}

  /** A {@code c}-ordered copy with {@code axis} first, flattened to {@code [size(axis), rest]}. */
  static INDArray rowsAlong(INDArray array, int axis) {
    long[] shape = array.shape();
    if (shape.length == 1) {
      return array.reshape('c', shape[0], 1).dup('c');
    }
    INDArray moved = axis == 0 ? array : array.permute(permutation(shape.length, axis));
    INDArray contiguous = moved.dup('c');
    return contiguous.reshape('c', shape[axis], array.length() / shape[axis]);
  }

  /**
   * The inverse of {@link #rowsAlong}: rows back into an array shaped like {@code like} but for
   * {@code axis}.
   */
  static INDArray fromRows(INDArray rows, long[] likeShape, int axis, char order) {
    long[] moved = movedShape(likeShape, axis);
    moved[0] = rows.size(0);
    INDArray shaped = rows.reshape('c', moved);
    INDArray back =
        axis == 0 || likeShape.length == 1
            ? shaped
            : shaped.permute(inverse(permutation(likeShape.length, axis)));
    long[] target = likeShape.clone();
    target[axis] = rows.size(0);
    return back.dup(order).reshape(order, target);
  }

  private static long[] movedShape(long[] shape, int axis) {
    long[] moved = new long[shape.length];
    int[] perm = permutation(shape.length, axis);
    for (int i = 0; i < shape.length; i++) {
      moved[i] = shape[perm[i]];
    }
    return moved;
  }

  static int[] permutation(int rank, int axis) {
    int[] perm = new int[rank];
    perm[0] = axis;
    for (int i = 0, k = 1; i < rank; i++) {
      if (i != axis) {
        perm[k++] = i;
      }
    }
    return perm;
  }

  private static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }

  static void checkAxis(INDArray array, int axis, String what) {
    if (axis < 0 || axis >= array.rank()) {
      throw new IllegalArgumentException(
          what + ": axis " + axis + " outside shape " + Arrays.toString(array.shape()));
    }
  }
}
