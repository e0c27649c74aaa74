package dev.net2net;

import dev.net2net.report.TransformReport;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * A transform's result: the student network (a new object; the teacher is unchanged) and the
 * report.
 */
public record Transformed<T extends Model>(T student, TransformReport report) {
  public Transformed {
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(report, "report");
  }
}
