package dev.net2net.surgery;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gather along one axis written straight into its destination, in one pass over memory: no
 * permuted copy, no intermediate rows, no copy back. It works on what a network's parameters and
 * optimizer state are, contiguous float or double arrays in {@code c} or {@code f} order, and
 * declines (returns false, writing nothing) for anything else, which {@link ParamEdit.Gather#apply}
 * then handles.
 *
 * <p>In a contiguous array, an axis splits memory into {@code outer x size x inner} elements:
 * {@code inner} counts the elements of the axes that vary faster than it (those after it in {@code
 * c} order, before it in {@code f} order), {@code outer} those that vary slower. Index {@code i} of
 * the result takes index {@code source[i]} of the input: a run of {@code inner} contiguous elements
 * per outer index, copied, or multiplied by the scale where it is not 1. Each value is the input
 * times the scale rounded to the array's type, one IEEE multiplication, which is exactly what
 * ND4J's broadcast multiplication computes.
 */
final class DirectGather {
  private DirectGather() {}

  static boolean into(INDArray from, int axis, int[] source, double[] scale, INDArray target) {
    if (!eligible(from)
        || !eligible(target)
        || from.ordering() != target.ordering()
        || from.dataType() != target.dataType()
        || sameBuffer(from, target)) {
      return false;
    }
    long[] shape = from.shape();
    long[] expected = shape.clone();
    expected[axis] = source.length;
    if (!Arrays.equals(expected, target.shape())) {
      return false;
    }
    long inner = 1;
    long outer = 1;
    for (int d = 0; d < shape.length; d++) {
      if (d == axis) {
        continue;
      }
      boolean faster = from.ordering() == 'c' ? d > axis : d < axis;
      if (faster) {
        inner *= shape[d];
      } else {
        outer *= shape[d];
      }
    }
    Layout layout = new Layout((int) outer, (int) shape[axis], source.length, (int) inner);
    if (from.dataType() == DataType.FLOAT) {
      float[] factors = new float[scale.length];
      for (int i = 0; i < scale.length; i++) {
        factors[i] = (float) scale[i];
      }
      gather(
          floats(from),
          (int) from.offset(),
          floats(target),
          (int) target.offset(),
          layout,
          source,
          factors);
    } else {
      gather(
          doubles(from),
          (int) from.offset(),
          doubles(target),
          (int) target.offset(),
          layout,
          source,
          scale);
    }
    return true;
  }

  /**
   * {@code target} takes {@code from}'s elements, one bulk memory copy: the identity gather,
   * without going through an ND4J operation, whose native threads a loaded machine can keep waiting
   * for longer than a small copy takes.
   */
  static boolean copy(INDArray from, INDArray target) {
    if (!eligible(from)
        || !eligible(target)
        || from.ordering() != target.ordering()
        || from.dataType() != target.dataType()
        || !Arrays.equals(from.shape(), target.shape())
        || sameBuffer(from, target)) {
      return false;
    }
    int length = (int) from.length();
    if (from.dataType() == DataType.FLOAT) {
      floats(target).put((int) target.offset(), floats(from), (int) from.offset(), length);
    } else {
      doubles(target).put((int) target.offset(), doubles(from), (int) from.offset(), length);
    }
    return true;
  }

  private static final int ZEROS = 1 << 16;
  private static final ByteBuffer ZERO_BYTES = ByteBuffer.allocateDirect(ZEROS * Double.BYTES);

  /**
   * Sets every element of {@code target} to zero (all bits clear, +0.0), in bulk copies from a
   * zeroed buffer.
   */
  static boolean zero(INDArray target) {
    if (!eligible(target)) {
      return false;
    }
    int bytes = target.dataType().width();
    ByteBuffer to = target.data().asNio().order(ByteOrder.nativeOrder());
    long start = target.offset() * bytes;
    long end = start + target.length() * bytes;
    ByteBuffer zeros = ZERO_BYTES.duplicate();
    for (long at = start; at < end; at += zeros.capacity()) {
      int chunk = (int) Math.min(zeros.capacity(), end - at);
      to.put((int) at, zeros, 0, chunk);
    }
    return true;
  }

  private record Layout(int outer, int size, int newSize, int inner) {}

  private static void gather(
      FloatBuffer from,
      int fromBase,
      FloatBuffer to,
      int toBase,
      Layout l,
      int[] source,
      float[] scale) {
    for (int o = 0; o < l.outer(); o++) {
      int fromBlock = fromBase + o * l.size() * l.inner();
      int toBlock = toBase + o * l.newSize() * l.inner();
      if (l.inner() == 1) {
        for (int i = 0; i < l.newSize(); i++) {
          float value = from.get(fromBlock + source[i]);
          to.put(toBlock + i, scale[i] == 1f ? value : value * scale[i]);
        }
        continue;
      }
      for (int i = 0; i < l.newSize(); i++) {
        int src = fromBlock + source[i] * l.inner();
        int dst = toBlock + i * l.inner();
        if (scale[i] == 1f) {
          to.put(dst, from, src, l.inner());
        } else {
          float s = scale[i];
          for (int n = 0; n < l.inner(); n++) {
            to.put(dst + n, from.get(src + n) * s);
          }
        }
      }
    }
  }

  private static void gather(
      DoubleBuffer from,
      int fromBase,
      DoubleBuffer to,
      int toBase,
      Layout l,
      int[] source,
      double[] scale) {
    for (int o = 0; o < l.outer(); o++) {
      int fromBlock = fromBase + o * l.size() * l.inner();
      int toBlock = toBase + o * l.newSize() * l.inner();
      if (l.inner() == 1) {
        for (int i = 0; i < l.newSize(); i++) {
          double value = from.get(fromBlock + source[i]);
          to.put(toBlock + i, scale[i] == 1.0 ? value : value * scale[i]);
        }
        continue;
      }
      for (int i = 0; i < l.newSize(); i++) {
        int src = fromBlock + source[i] * l.inner();
        int dst = toBlock + i * l.inner();
        if (scale[i] == 1.0) {
          to.put(dst, from, src, l.inner());
        } else {
          double s = scale[i];
          for (int n = 0; n < l.inner(); n++) {
            to.put(dst + n, from.get(src + n) * s);
          }
        }
      }
    }
  }

  /**
   * A float or double array laid out contiguously in its own order, whose elements the NIO view of
   * its buffer reaches at its offset. The last condition is checked two ways (the array's offset,
   * and the distance from the buffer's base to the array's first element), because it rests on how
   * ND4J represents views.
   */
  private static boolean eligible(INDArray array) {
    if (array.isEmpty()
        || (array.dataType() != DataType.FLOAT && array.dataType() != DataType.DOUBLE)
        || (array.ordering() != 'c' && array.ordering() != 'f')
        || !contiguous(array)) {
      return false;
    }
    int bytes = array.dataType().width();
    ByteBuffer nio = array.data().asNio();
    if (nio == null || !nio.isDirect()) {
      return false;
    }
    long offset = array.offset();
    long end = offset + array.length();
    if (end * bytes > nio.capacity() || end > Integer.MAX_VALUE) {
      return false;
    }
    long distance = array.data().addressPointer().address() - new Pointer(nio).address();
    return distance == offset * bytes;
  }

  /**
   * Whether every element sits where a dense array of this shape in this order puts it. Axes of
   * size 1 are skipped: ND4J gives them any stride (ND4J's own default-strides check refuses such
   * arrays).
   */
  private static boolean contiguous(INDArray array) {
    long[] shape = array.shape();
    long[] stride = array.stride();
    long expected = 1;
    for (int k = 0; k < shape.length; k++) {
      int d = array.ordering() == 'c' ? shape.length - 1 - k : k;
      if (shape[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** A gather within one buffer could overwrite what it still has to read. */
  private static boolean sameBuffer(INDArray a, INDArray b) {
    return new Pointer(a.data().asNio()).address() == new Pointer(b.data().asNio()).address();
  }

  private static FloatBuffer floats(INDArray array) {
    return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private static DoubleBuffer doubles(INDArray array) {
    return array.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }
}
