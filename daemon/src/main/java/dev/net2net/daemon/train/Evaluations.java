package dev.net2net.daemon.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Measures a classifier's accuracy and cross-entropy in inference mode, in batches. */
public final class Evaluations {
  private static final int BATCH = 1000;
  private static final double FLOOR = 1e-12;

  private Evaluations() {}

  public static ModelEvaluation evaluate(Model model, Examples examples) {
    long n = examples.size();
    long correct = 0;
    double lossSum = 0;
    for (long from = 0; from < n; from += BATCH) {
      long to = Math.min(n, from + BATCH);
      INDArray x = rows(examples.features(), from, to);
      INDArray y = rows(examples.labels(), from, to);
      INDArray p = output(model, x).castTo(DataType.DOUBLE);
      INDArray predicted = p.argMax(1);
      INDArray truth = y.argMax(1);
      correct += predicted.eq(truth).castTo(DataType.INT64).sumNumber().longValue();
      INDArray trueProbability = p.mul(y.castTo(DataType.DOUBLE)).sum(1);
      lossSum -= Transforms.log(Transforms.max(trueProbability, FLOOR), false).sumNumber().doubleValue();
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
    org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
    index[0] = NDArrayIndex.interval(from, to);
    for (int i = 1; i < index.length; i++) {
      index[i] = NDArrayIndex.all();
    }
    return a.get(index);
  }
}
