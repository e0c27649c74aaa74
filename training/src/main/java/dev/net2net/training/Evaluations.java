package dev.net2net.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Measures a classifier's accuracy and cross-entropy in inference mode, in batches. */
public final class Evaluations {
  private static final int BATCH = 1000;
  private static final double FLOOR = 1e-12;

  private Evaluations() {}

  public static ModelEvaluation evaluate(Model model, BatchSource examples) {
    long n = 0;
    long correct = 0;
    double lossSum = 0;
    try (MiniBatches batches = examples.inOrder(BATCH)) {
      while (batches.hasNext()) {
        DataSet batch = batches.next();
        INDArray y = batch.getLabels();
        INDArray p = output(model, batch.getFeatures()).castTo(DataType.DOUBLE);
        n += y.size(0);
        INDArray predicted = p.argMax(1);
        INDArray truth = y.argMax(1);
        correct += predicted.eq(truth).castTo(DataType.INT64).sumNumber().longValue();
        INDArray trueProbability = p.mul(y.castTo(DataType.DOUBLE)).sum(1);
        lossSum -=
            Transforms.log(Transforms.max(trueProbability, FLOOR), false).sumNumber().doubleValue();
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("nothing to evaluate on: the validation set is empty");
    }
    return new ModelEvaluation((double) correct / n, lossSum / n, n);
  }

  static INDArray output(Model model, INDArray x) {
    if (model instanceof MultiLayerNetwork net) {
      return net.output(x, false);
    }
    return ((ComputationGraph) model).outputSingle(false, x);
  }

  public static INDArray rows(INDArray a, long from, long to) {
    if (from == 0 && to == a.size(0)) {
      return a;
    }
    INDArrayIndex[] index = new INDArrayIndex[a.rank()];
    index[0] = NDArrayIndex.interval(from, to);
    for (int i = 1; i < index.length; i++) {
      index[i] = NDArrayIndex.all();
    }
    return a.get(index);
  }
}
