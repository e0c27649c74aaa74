package dev.net2net.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a transform must leave alone: the teacher's parameters and configuration, captured before it
 * ran.
 */
record Teacher(INDArray params, String configuration) {

  static Teacher snapshot(ComputationGraph teacher) {
    return new Teacher(teacher.params().dup(), teacher.getConfiguration().toJson());
  }

  void assertUnchanged(ComputationGraph teacher) {
    assertThat(teacher.params()).as("teacher parameters").isEqualTo(params);
    assertThat(teacher.getConfiguration().toJson())
        .as("teacher configuration")
        .isEqualTo(configuration);
  }

  /** A student saved and loaded with ModelSerializer computes exactly what it computed before. */
  static void assertRoundTrip(ComputationGraph student, INDArray... inputs) {
    try {
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      ModelSerializer.writeModel(student, zip, true);
      ComputationGraph restored =
          ModelSerializer.restoreComputationGraph(
              new ByteArrayInputStream(zip.toByteArray()), true);
      INDArray[] expected = student.output(false, inputs);
      INDArray[] actual = restored.output(false, inputs);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i])
            .as("output %d after a save/load round trip", i)
            .isEqualTo(expected[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
