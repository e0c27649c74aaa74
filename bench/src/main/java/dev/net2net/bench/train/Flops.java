package dev.net2net.bench.train;

import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Floating-point operations of one training example (28x28 images), counted from the layer shapes:
 * the multiply-adds of dense, output and convolution layers (2 FLOPs each) in the forward pass,
 * times 3 for forward + backward (the backward pass computes the gradient of the input and of the
 * weights, each costing one forward). Batch normalization, activations, pooling, the loss and the
 * updater are not counted: they are memory-bound and small next to the products, so the achieved
 * rate is a lower bound on the work done.
 */
public final class Flops {
  private Flops() {}

  /** Forward multiply-add FLOPs of one example. */
  public static double forwardPerExample(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
      double total = 0;
      for (int i = 0; i < conf.getConfs().size(); i++) {
        Layer layer = conf.getConf(i).getLayer();
        if (layer instanceof ConvolutionLayer) {
          throw new IllegalArgumentException(
              "count convolutions in a ComputationGraph (needs activation shapes)");
        }
        total += dense(layer);
      }
      return total;
    }
    ComputationGraph graph = (ComputationGraph) model;
    ComputationGraphConfiguration conf = graph.getConfiguration();
    // The convolutions' output sizes, from one forward pass of a blank 28x28 image.
    Map<String, INDArray> activations =
        graph.feedForward(new INDArray[] {Nd4j.zeros(DataType.FLOAT, 1, 784)}, false);
    double total = 0;
    for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
      if (!(e.getValue() instanceof LayerVertex lv)) {
        continue;
      }
      Layer layer = lv.getLayerConf().getLayer();
      if (layer instanceof ConvolutionLayer conv) {
        long[] out = activations.get(e.getKey()).shape(); // [1, channels, height, width]
        int[] k = conv.getKernelSize();
        total += 2.0 * conv.getNIn() * conv.getNOut() * k[0] * k[1] * out[2] * out[3];
      } else {
        total += dense(layer);
      }
    }
    return total;
  }

  /** Forward + backward FLOPs of one example (3 x forward). */
  public static double trainingPerExample(Model model) {
    return 3 * forwardPerExample(model);
  }

  private static double dense(Layer layer) {
    if (layer instanceof DenseLayer d) {
      return 2.0 * d.getNIn() * d.getNOut();
    }
    if (layer instanceof BaseOutputLayer o) {
      return 2.0 * o.getNIn() * o.getNOut();
    }
    return 0;
  }
}
