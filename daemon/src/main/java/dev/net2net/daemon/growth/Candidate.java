package dev.net2net.daemon.growth;

import dev.net2net.report.TransformReport;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * A grown model before training: the student, what made it, and a label for logs ("widen",
 * "deepen").
 */
public record Candidate(String label, Model student, TransformReport report) {
  public Candidate {
    Objects.requireNonNull(label);
    Objects.requireNonNull(student);
    Objects.requireNonNull(report);
  }

  /** The measured output difference from the champion, or infinity if it was not measured. */
  public double preservationError() {
    return report.preservation().map(p -> p.maxAbsDifference()).orElse(Double.POSITIVE_INFINITY);
  }
}
