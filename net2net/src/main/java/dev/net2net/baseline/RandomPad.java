package dev.net2net.baseline;

import dev.net2net.Transformed;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.TransformReport;
import dev.net2net.report.Widening;
import dev.net2net.surgery.FreshValues;
import dev.net2net.surgery.ParamEdit;
import dev.net2net.surgery.ParamRef;
import dev.net2net.surgery.Surgeon;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.WideningPlan;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's "random pad" baseline: the wider architecture Net2WiderNet would build, with the
 * teacher's weights copied where the teacher had units (undivided) and the new units' weights, in
 * and out, left at a fresh random initialisation. It is not function-preserving; that is the point.
 *
 * <p>Random values are drawn only for the layers whose parameters gain units (DL4J's initialisation
 * of that layer, seeded once by {@code seed}); every other parameter is the teacher's.
 *
 * <p>DL4J's {@code TransferLearning.Builder.nOutReplace} is not this baseline: it re-initialises
 * the whole layer and the next one.
 */
public final class RandomPad {
  private RandomPad() {}

  @SuppressWarnings("unchecked")
  public static <T extends Model> Transformed<T> widen(
      T teacher, WidenRequest request, long seed, INDArray... probes) {
    ModelHandle handle = ModelHandle.of(teacher);
    WideningPlan plan = Net2WiderNet.plan(handle, request);
    // A fresh start: no optimizer state, counters at zero, the baseline's seed.
    ModelHandle student =
        Surgeon.operate(
                handle,
                plan.surgery(),
                request.continuation().withOptimizerState(OptimizerState.RESET))
            .student();
    RandomInit.restart(student.model(), seed);
    FreshValues.seed(seed);
    for (String layer : student.layerNames()) {
      Map<String, INDArray> source = handle.params(layer);
      Map<String, INDArray> fresh = null;
      for (Map.Entry<String, INDArray> p : student.params(layer).entrySet()) {
        List<ParamEdit> edits = plan.surgery().edits(new ParamRef(layer, p.getKey()));
        INDArray target = p.getValue();
        INDArray copied = source.get(p.getKey());
        if (edits.stream().noneMatch(ParamEdit.Gather.class::isInstance)) {
          if (!edits.isEmpty()) {
            // The teacher's values as they were, without the other edits (noise) Net2WiderNet made.
            target.assign(copied.reshape(target.shape()));
          }
          continue;
        }
        if (fresh == null) {
          fresh = FreshValues.draw(student, layer);
        }
        INDArray random = fresh.get(p.getKey()).reshape(target.shape());
        INDArray keep = Nd4j.ones(target.dataType(), target.shape());
        for (ParamEdit edit : edits) {
          if (edit instanceof ParamEdit.Gather g) {
            copied =
                new ParamEdit.Gather(
                        g.axis(), g.source(), ones(g.source().length), ones(g.source().length))
                    .apply(copied);
            keep.muli(firstCopies(g, target));
          }
        }
        // Teacher's values where every widened axis is at an original unit, fresh values elsewhere.
        target.assign(copied.reshape(target.shape()).mul(keep).addi(random.mul(keep.rsub(1.0))));
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("width", plan.oldWidth() + "->" + plan.newWidth());
    settings.put("seed", String.valueOf(seed));
    settings.put("widened", String.join(",", plan.widened()));
    TransformReport report =
        new TransformReport(
            "random-pad",
            plan.target(),
            settings,
            java.util.List.of(),
            handle.numParams(),
            student.numParams(),
            Optional.empty(),
            Optional.of(new Widening(plan.oldWidth(), plan.newWidth(), 0, seed, plan.widened())));
    if (probes.length > 0) {
      report = report.withPreservation(Preservation.measure(handle, student, probes));
    }
    return new Transformed<>((T) student.model(), report);
  }

  /** 1 along the gather's axis where the index is the first copy of its source unit, else 0. */
  private static INDArray firstCopies(ParamEdit.Gather gather, INDArray like) {
    int[] source = gather.source();
    double[] first = new double[source.length];
    Set<Integer> seen = new HashSet<>();
    for (int j = 0; j < source.length; j++) {
      first[j] = seen.add(source[j]) ? 1 : 0;
    }
    long[] shape = new long[like.rank()];
    java.util.Arrays.fill(shape, 1);
    shape[gather.axis()] = source.length;
    INDArray mask = Nd4j.createFromArray(first).castTo(like.dataType()).reshape(shape);
    return mask.broadcast(like.shape());
  }

  private static double[] ones(int n) {
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    return ones;
  }
}
