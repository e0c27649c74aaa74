package dev.net2net.verify;

import dev.net2net.model.ModelHandle;
import dev.net2net.report.OutputDifference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures how far a student's function is from its teacher's: both run in inference mode on the
 * same inputs, and the result is the maximum absolute difference of any output value. A signed sum
 * would let errors of opposite sign cancel; a maximum cannot hide one.
 */
public final class Preservation {
  private static final int BATCH = 512;

  private Preservation() {}

  public static OutputDifference measure(Model teacher, Model student, INDArray... inputs) {
    return measure(ModelHandle.of(teacher), ModelHandle.of(student), inputs);
  }

  public static OutputDifference measure(
      ModelHandle teacher, ModelHandle student, INDArray... inputs) {
    if (inputs.length == 0) {
      throw new IllegalArgumentException("at least one input array is needed");
    }
    long examples = inputs[0].size(0);
    for (INDArray in : inputs) {
      if (in.size(0) != examples) {
        throw new IllegalArgumentException(
            "inputs differ in example count: " + in.size(0) + " vs " + examples);
      }
    }
    double[] perOutput = null;
    for (long from = 0; from < examples; from += BATCH) {
      long to = Math.min(examples, from + BATCH);
      INDArray[] batch = new INDArray[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        batch[i] = rows(inputs[i], from, to);
      }
      INDArray[] expected = teacher.output(batch);
      INDArray[] actual = student.output(batch);
      if (perOutput == null) {
        perOutput = new double[expected.length];
      }
      for (int o = 0; o < expected.length; o++) {
        if (!Arrays.equals(expected[o].shape(), actual[o].shape())) {
          throw new IllegalStateException(
              "output "
                  + o
                  + " changed shape: "
                  + Arrays.toString(expected[o].shape())
                  + " -> "
                  + Arrays.toString(actual[o].shape()));
        }
        double diff =
            expected[o]
                .castTo(DataType.DOUBLE)
                .sub(actual[o].castTo(DataType.DOUBLE))
                .amaxNumber()
                .doubleValue();
        if (Double.isNaN(diff)) {
          diff = Double.POSITIVE_INFINITY;
        }
        perOutput[o] = Math.max(perOutput[o], diff);
      }
    }
    List<Double> per = new ArrayList<>();
    double max = 0;
    for (double d : perOutput) {
      per.add(d);
      max = Math.max(max, d);
    }
    return new OutputDifference(max, per, examples);
  }

  private static INDArray rows(INDArray array, long from, long to) {
    if (from == 0 && to == array.size(0)) {
      return array;
    }
    return array.get(indexes(array.rank(), from, to));
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex[] indexes(int rank, long from, long to) {
    org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
    idx[0] = NDArrayIndex.interval(from, to);
    for (int i = 1; i < rank; i++) {
      idx[i] = NDArrayIndex.all();
    }
    return idx;
  }
}
