package dev.net2net.widen;

import dev.net2net.Transformed;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.TransformReport;
import dev.net2net.report.Widening;
import dev.net2net.surgery.Surgeon;
import dev.net2net.verify.Preservation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Net2WiderNet (Chen, Goodfellow and Shlens, ICLR 2016): a wider network that computes exactly what
 * the teacher computed. Works on {@code MultiLayerNetwork} and {@code ComputationGraph}.
 *
 * <pre>{@code
 * Transformed<MultiLayerNetwork> wider = Net2WiderNet.widen(teacher, WidenRequest.of("hidden", 256), probe);
 * wider.report().preservation();  // measured max |teacher - student| on the probe
 * }</pre>
 */
public final class Net2WiderNet {
  private Net2WiderNet() {}

  /**
   * Widens a layer. The teacher is not modified.
   *
   * @param probes optional inputs (one array per network input) on which to measure the output
   *     difference
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> Transformed<T> widen(
      T teacher, WidenRequest request, INDArray... probes) {
    ModelHandle handle = ModelHandle.of(teacher);
    WideningPlan planned = plan(handle, request);
    Surgeon.Result result = Surgeon.operate(handle, planned.surgery(), request.continuation());
    Widening widening =
        new Widening(
            planned.oldWidth(),
            planned.newWidth(),
            request.noise().relativeStddev(),
            request.seed(),
            planned.widened());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("width", widening.oldWidth() + "->" + widening.newWidth());
    settings.put("noise", request.noise().toString());
    settings.put("seed", String.valueOf(widening.seed()));
    settings.put("widened", String.join(",", widening.widened()));
    settings.put("lr-scale", String.valueOf(request.continuation().learningRateScale()));
    settings.put("optimizer-state", request.continuation().optimizerState().name().toLowerCase());
    TransformReport report =
        new TransformReport(
            "widen",
            planned.target(),
            settings,
            result.changes(),
            handle.numParams(),
            result.student().numParams(),
            Optional.empty(),
            Optional.of(widening));
    if (probes.length > 0) {
      report = report.withPreservation(Preservation.measure(handle, result.student(), probes));
    }
    return new Transformed<>((T) result.student().model(), report);
  }

  /** Plans a widening without building anything: which layers change and how. */
  public static WideningPlan plan(ModelHandle teacher, WidenRequest request) {
    return new WidenPlanner(teacher, request).plan();
  }
}
