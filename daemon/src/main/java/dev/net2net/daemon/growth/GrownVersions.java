package dev.net2net.daemon.growth;

import dev.net2net.daemon.models.Architectures;
import dev.net2net.io.ReportJson;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import dev.net2net.report.Widening;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;

/**
 * The registry's record of a grown candidate: its transform, architecture, size, data and state.
 */
final class GrownVersions {
  private GrownVersions() {}

  /**
   * A candidate that trained, with the policy and rule that grew it (its state is set by the gate).
   */
  static NewVersion grown(
      VersionRef parent, Candidate candidate, DatasetSnapshot snapshot, GrowthSpec spec) {
    Map<String, Object> transform = transformJson(candidate);
    transform.put("policy", spec.policy());
    transform.put("rule", spec.rule());
    spec.seat().ifPresent(seat -> transform.put("candidate", seat.index()));
    Model student = candidate.student();
    return NewVersion.grown(
        parent,
        Transform.of(transform),
        Architectures.summary(student),
        student.numParams(),
        snapshot,
        candidate.preservationError());
  }

  /** A candidate that could not be used, with the reason. */
  static NewVersion failed(
      VersionRef parent, Candidate candidate, DatasetSnapshot snapshot, String reason) {
    double error = candidate.preservationError();
    return NewVersion.grown(
            parent,
            Transform.of(transformJson(candidate)),
            Architectures.summary(candidate.student()),
            candidate.student().numParams(),
            snapshot,
            0)
        .withPreservationError(
            Double.isFinite(error) ? OptionalDouble.of(error) : OptionalDouble.empty())
        .withState(VersionState.failed(reason));
  }

  /**
   * The transform as the registry keeps it: the whole report, plus the fields its summaries and the
   * dashboards read (layer, old and new width, noise, seed).
   */
  static Map<String, Object> transformJson(Candidate candidate) {
    Map<String, Object> transform = new LinkedHashMap<>(ReportJson.toMap(candidate.report()));
    transform.put("layer", candidate.report().target());
    Optional<Widening> widening = candidate.report().widening();
    widening.ifPresent(
        w -> {
          transform.put("old_width", w.oldWidth());
          transform.put("new_width", w.newWidth());
          transform.put("seed", w.seed());
        });
    transform.put("noise", widening.map(Widening::noise).orElse(0.0));
    double error = candidate.preservationError();
    if (Double.isFinite(error)) {
      transform.put("preservationError", error);
    }
    return transform;
  }
}
