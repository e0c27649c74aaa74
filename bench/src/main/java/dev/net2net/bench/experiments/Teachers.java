package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.train.Curve;
import dev.net2net.bench.train.CurveTrainer;
import dev.net2net.training.Examples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Trained teachers, kept (serialised with their optimizer state) for the rest of the process, so
 * that the experiments run by {@code bench/run all} share the teachers they have in common; every
 * caller gets its own copy.
 */
final class Teachers {
  private record Trained(byte[] model, boolean graph, Curve curve) {}

  private static final Map<String, Trained> CACHE = new HashMap<>();

  private Teachers() {}

  record Teacher<T extends Model>(T model, Curve curve) {}

  @SuppressWarnings("unchecked")
  static synchronized <T extends Model> Teacher<T> trained(
      String name, long seed, Setup setup, Supplier<T> fresh) {
    String key =
        name
            + "/"
            + seed
            + "/"
            + setup.train()
            + "/"
            + setup.validation()
            + "/"
            + setup.teacherEpochs()
            + "/"
            + setup.batch()
            + "/"
            + setup.evalsPerEpoch();
    Trained t = CACHE.get(key);
    if (t == null) {
      T model = fresh.get();
      Experiment.log(
          "training teacher "
              + name
              + " seed "
              + seed
              + " for "
              + setup.teacherEpochs()
              + " epoch(s)");
      Curve curve =
          CurveTrainer.train(
              setup.family(),
              "teacher " + name,
              seed,
              model,
              Examples.forModel(model, setup.trainImages()),
              Examples.forModel(model, setup.validationImages()),
              setup.teacherEpochs(),
              setup.batch(),
              setup.evalsPerEpoch(),
              0,
              0);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        ModelSerializer.writeModel(model, bytes, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      t = new Trained(bytes.toByteArray(), model instanceof ComputationGraph, curve);
      CACHE.put(key, t);
    }
    try {
      Model copy =
          t.graph()
              ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(t.model()), true)
              : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(t.model()), true);
      return new Teacher<>((T) copy, t.curve());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MultiLayerNetwork asChain(Model m) {
    return (MultiLayerNetwork) m;
  }
}
