package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.train.Curve;
import dev.net2net.bench.train.CurveTrainer;
import dev.net2net.training.Examples;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the arms of a comparison for every seed: trains (or reuses) the seed's teacher, makes each
 * arm's starting network from it, and trains each for the same budget. Arms are interleaved seed by
 * seed, so that other load on the machine falls on all of them alike.
 */
final class Comparison {
  interface Maker {
    /**
     * @param earlier the networks made so far for this seed, by arm name
     */
    Arms.Made make(Model teacher, INDArray probes, long seed, Map<String, Arms.Made> earlier);
  }

  record Arm(String name, Maker maker) {}

  final List<Curve> curves = new ArrayList<>();
  final List<Curve> teacherCurves = new ArrayList<>();
  final Map<String, List<Arms.Made>> made = new LinkedHashMap<>();
  final Map<String, Long> params = new LinkedHashMap<>();

  void run(Setup setup, String teacherName, LongFunction<Model> teacher, List<Arm> arms) {
    for (long seed : setup.seeds()) {
      Teachers.Teacher<Model> t =
          Teachers.trained(teacherName, seed, setup, () -> teacher.apply(seed));
      teacherCurves.add(t.curve());
      params.put(setup.family() + "/teacher", t.model().numParams());
      INDArray probes =
          Examples.forModel(t.model(), setup.validationImages().first(256)).features();
      Map<String, Arms.Made> earlier = new LinkedHashMap<>();
      for (Arm arm : arms) {
        Arms.Made m = arm.maker().make(t.model(), probes, seed, earlier);
        earlier.put(arm.name(), m);
        made.computeIfAbsent(setup.family() + "/" + arm.name(), k -> new ArrayList<>()).add(m);
        params.put(setup.family() + "/" + arm.name(), m.model().numParams());
        Experiment.log(setup.family() + " seed " + seed + ": training " + arm.name());
        Curve c =
            CurveTrainer.train(
                setup.family(),
                arm.name(),
                seed,
                m.model(),
                Examples.forModel(m.model(), setup.trainImages()),
                Examples.forModel(m.model(), setup.validationImages()),
                setup.epochs(),
                setup.batch(),
                setup.evalsPerEpoch(),
                m.wallSeconds(),
                m.cpuSeconds());
        curves.add(c);
        Experiment.log(
            String.format(
                java.util.Locale.ROOT,
                "%s seed %d %s: accuracy %.4f -> %.4f in %.1f s",
                setup.family(),
                seed,
                arm.name(),
                c.points().get(0).accuracy(),
                c.last().accuracy(),
                c.last().wallSeconds()));
      }
    }
  }

  /** Mean ± sd of the teachers' final validation accuracy. */
  String teacherSummary() {
    Curves.Stat s =
        Curves.Stat.of(teacherCurves.stream().mapToDouble(c -> c.last().accuracy()).toArray());
    Curves.Stat w =
        Curves.Stat.of(teacherCurves.stream().mapToDouble(c -> c.last().wallSeconds()).toArray());
    return "the teachers reached "
        + s.pm(4)
        + " validation accuracy in "
        + w.pm(1)
        + " s of training each (not counted in the students' times)";
  }
}
