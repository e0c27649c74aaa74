package dev.net2net.bench.experiments;

import dev.net2net.bench.Experiment;
import dev.net2net.bench.train.Curve;
import dev.net2net.bench.train.CurveTrainer;
import dev.net2net.training.Examples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

  /** Where trained teachers are also kept between processes, or null. */
  private static Path disk;

  private Teachers() {}

  /**
   * Keeps trained teachers (with their curves) in {@code dir} too, so that a later process (another
   * experiment of the same setup) reuses them instead of training them again.
   */
  static synchronized void keepIn(Path dir) {
    disk = dir;
  }

  private static Path fileOf(String key, String suffix) {
    return disk.resolve(key.replaceAll("[^A-Za-z0-9.-]", "_") + suffix);
  }

  private static Trained load(String key) {
    Path zip = fileOf(key, ".zip");
    Path csv = fileOf(key, ".csv");
    if (!Files.exists(zip) || !Files.exists(csv)) {
      return null;
    }
    try {
      byte[] bytes = Files.readAllBytes(zip);
      boolean graph = Files.readString(fileOf(key, ".kind")).strip().equals("graph");
      return new Trained(bytes, graph, Curves.readCsv(csv).get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void save(String key, Trained t) {
    try {
      Files.createDirectories(disk);
      Files.write(fileOf(key, ".zip"), t.model());
      Files.writeString(fileOf(key, ".kind"), t.graph() ? "graph" : "chain");
      Curves.writeCsv(fileOf(key, ".csv"), List.of(t.curve()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
            + setup.evalsPerEpoch()
            + (setup.teacherPatience() > 0
                ? "/patience" + setup.teacherPatience() + "/" + setup.teacherMinDelta()
                : "");
    Trained t = CACHE.get(key);
    if (t == null && disk != null) {
      t = load(key);
      if (t != null) {
        Experiment.log("teacher " + name + " seed " + seed + " read from " + disk);
        CACHE.put(key, t);
      }
    }
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
              0,
              setup.teacherPatience(),
              setup.teacherMinDelta());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        ModelSerializer.writeModel(model, bytes, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      t = new Trained(bytes.toByteArray(), model instanceof ComputationGraph, curve);
      CACHE.put(key, t);
      if (disk != null) {
        save(key, t);
      }
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
