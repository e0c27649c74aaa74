package dev.net2net.model;

import dev.net2net.TransformException;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/**
 * How many units (dense features or convolution channels) each node outputs, read from the
 * configuration: what a concatenation needs to know to place a widened input at its offset.
 */
public final class UnitCounts {
  private final Topology topology;
  private final Map<String, Long> memo = new HashMap<>();

  public UnitCounts(Topology topology) {
    this.topology = topology;
  }

  public long of(String id) {
    Long known = memo.get(id);
    if (known != null) {
      return known;
    }
    long units = compute(topology.node(id));
    memo.put(id, units);
    return units;
  }

  private long compute(Node node) {
    if (node instanceof Node.LayerNode l) {
      if (l.layer() instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
        return ff.getNOut();
      }
      if (LayerKinds.isPerUnitWithoutParams(l.layer()) || LayerKinds.isPReLU(l.layer())) {
        return of(l.inputs().get(0));
      }
    } else if (node instanceof Node.Preprocessor p
        && p.preprocessor() instanceof CnnToFeedForwardPreProcessor flatten
        && flatten.getNumChannels() > 0
        && flatten.getInputHeight() > 0) {
      return flatten.getNumChannels() * flatten.getInputHeight() * flatten.getInputWidth();
    } else if (node instanceof Node.Preprocessor p
        && (p.preprocessor() instanceof RnnToFeedForwardPreProcessor
            || p.preprocessor() instanceof FeedForwardToRnnPreProcessor)) {
      return of(p.inputs().get(0));
    } else if (node instanceof Node.Vertex v) {
      if (v.vertex() instanceof MergeVertex) {
        long sum = 0;
        for (String in : v.inputs()) {
          sum += of(in);
        }
        return sum;
      }
      if (v.vertex() instanceof ElementWiseVertex || LayerKinds.isPerUnitVertex(v.vertex())) {
        return of(v.inputs().get(0));
      }
    }
    throw new TransformException(
        "cannot tell how many units '"
            + node.id()
            + "' ("
            + Topology.describe(node)
            + ") outputs from the configuration");
  }
}
