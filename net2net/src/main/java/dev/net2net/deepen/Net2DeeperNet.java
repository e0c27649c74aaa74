package dev.net2net.deepen;

import dev.net2net.Transformed;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.TransformReport;
import dev.net2net.surgery.Surgeon;
import dev.net2net.verify.Preservation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2DeeperNet (Chen, Goodfellow and Shlens, ICLR 2016): a deeper network that computes exactly
 * what the teacher computed, by inserting a layer initialised as the identity, or (in a
 * ComputationGraph, for any activation) a residual block whose branch starts at zero ({@link
 * DeepenRequest#withResidual()}).
 *
 * <pre>{@code
 * Transformed<ComputationGraph> deeper = Net2DeeperNet.deepen(graph, DeepenRequest.after("m1_t3_relu2"), probe);
 * Transformed<ComputationGraph> residual = Net2DeeperNet.deepen(graph, DeepenRequest.after("tanh1").withResidual());
 * }</pre>
 */
public final class Net2DeeperNet {
  private Net2DeeperNet() {}

  /**
   * Inserts an identity layer or a residual block. The teacher is not modified.
   *
   * @param data inputs (one array per network input): the batch on which an inserted batch
   *     normalization measures its statistics, and on which the output difference is measured; may
   *     be empty, in which case the batch normalization starts with mean 0 and variance 1 and no
   *     difference is reported
   */
  public static <T extends Model> Transformed<T> deepen(
      T teacher, DeepenRequest request, INDArray... data) {
    return apply(teacher, request, data, true);
  }

  /**
   * Like {@link #deepen}, but measures nothing: {@code statistics} is only the batch an inserted
   * batch normalization takes its statistics from. For operations made of many steps that measure
   * the final student once ({@link dev.net2net.towers.Towers}).
   */
  public static <T extends Model> Transformed<T> deepenWithoutMeasuring(
      T teacher, DeepenRequest request, INDArray... statistics) {
    return apply(teacher, request, statistics, false);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Model> Transformed<T> apply(
      T teacher, DeepenRequest request, INDArray[] data, boolean measure) {
    ModelHandle handle = ModelHandle.of(teacher);
    DeepenPlanner.Planned planned = new DeepenPlanner(handle, request).plan(data);
    Surgeon.Result result = Surgeon.operate(handle, planned.plan(), request.continuation());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("kind", planned.kind());
    settings.put(
        "block",
        planned.sum().map(sum -> "residual (sum at " + sum + ")").orElse("identity layer"));
    settings.put("inserted", String.join(",", planned.inserted()));
    settings.put("activation", String.valueOf(planned.activation()));
    if (planned.kind().equals("convolution")) {
      settings.put("kernel", request.kernel() + "x" + request.kernel());
    } else if (planned.kind().equals("convolution1d")) {
      settings.put("kernel", String.valueOf(request.kernel()));
    }
    settings.put("batch-norm", request.batchNorm().name().toLowerCase().replace('_', '-'));
    settings.put("lr-scale", String.valueOf(request.continuation().learningRateScale()));
    settings.put("optimizer-state", request.continuation().optimizerState().name().toLowerCase());
    TransformReport report =
        new TransformReport(
            "deepen",
            planned.after(),
            settings,
            result.changes(),
            handle.numParams(),
            result.student().numParams(),
            Optional.empty());
    if (measure && data.length > 0) {
      report = report.withPreservation(Preservation.measure(handle, result.student(), data));
    }
    return new Transformed<>((T) result.student().model(), report);
  }
}
