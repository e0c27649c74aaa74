package dev.net2net.cli.transform;

import dev.net2net.Transformed;
import dev.net2net.io.ModelFiles;
import dev.net2net.io.ProbeData;
import dev.net2net.io.ReportJson;
import dev.net2net.model.ModelHandle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Load, transform, measure, save, report: the steps every transform command takes in this order.
 */
final class TransformRunner {
  interface Transform {
    Transformed<Model> apply(Model teacher, INDArray[] probes);
  }

  private TransformRunner() {}

  static int run(CommandSpec spec, Path in, TransformOptions options, Transform transform) {
    PrintWriter out = spec.commandLine().getOut();
    options.checkOutput();
    options.continuation();
    Model teacher = ModelFiles.load(in);
    ProbeData probes = options.probes.forModel(ModelHandle.of(teacher));
    Transformed<Model> result = transform.apply(teacher, probes.inputs());
    ModelFiles.save(result.student(), options.out);
    if (options.json) {
      Map<String, Object> json = ReportJson.toMap(result.report());
      json.put("probes", ReportJson.probes(probes));
      out.println(ReportJson.write(json, true));
    } else {
      out.print(result.report().render());
      out.println(
          probes.measured()
              ? "measured on " + probes.description()
              : "output difference " + probes.description());
      out.println("wrote " + options.out);
    }
    return 0;
  }
}
