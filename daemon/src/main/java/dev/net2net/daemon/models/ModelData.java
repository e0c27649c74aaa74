package dev.net2net.daemon.models;

import dev.net2net.daemon.config.DaemonConfig.ModelSettings;
import dev.net2net.daemon.config.DaemonConfig.Validation;
import dev.net2net.daemon.data.ShardDigest;
import dev.net2net.daemon.data.ShardIngester;
import dev.net2net.datasets.DatasetException;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.datasets.cache.CacheException;
import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.ShardSource;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.io.ModelFiles;
import dev.net2net.registry.Sha256;
import dev.net2net.training.seed.Seed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a model's data needs at start: its validation rows (the fixed set, or the holdout file
 * converted into its cache) and, for an imported seed, proof that the zip fits the schema. Problems
 * are {@link IllegalArgumentException}s whose message the daemon reports before it starts.
 */
public final class ModelData {
  private ModelData() {}

  /**
   * Where the daemon keeps a model's shard caches, on this machine (replicas each keep their own).
   */
  public static Path caches(Path home, String model) {
    return home.resolve("cache").resolve(model);
  }

  public static ValidationData validation(ModelSettings settings, Path home) {
    if (settings.holdout().isEmpty()) {
      return new ValidationData.Fixed(fixed(settings));
    }
    if (!(settings.holdout().get() instanceof Holdout.File file)) {
      return new ValidationData.HeldOut(Optional.empty());
    }
    ShardSource source =
        ShardSource.recognise(file.path())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model '"
                            + settings.name()
                            + "': holdout file "
                            + file.path()
                            + " is not a shard this daemon reads (.csv, .tsv,"
                            + " .parquet, an IDX images file with its labels, a folder or .zip of images)"));
    try {
      Sha256 sha = ShardDigest.of(source);
      Path cache =
          ShardIngester.cachePath(
              caches(home, settings.name()).resolve("holdout"),
              file.path(),
              sha,
              settings.effectiveSchema());
      CacheFile built =
          ShardCache.ensure(
                  cache,
                  sha.hex(),
                  HoldoutRule.all(),
                  () -> source.reader(settings.effectiveSchema()))
              .file();
      return new ValidationData.HeldOut(Optional.of(built));
    } catch (IOException | DatasetException | CacheException e) {
      throw new IllegalArgumentException(
          "model '" + settings.name() + "': its holdout file cannot be read: " + e.getMessage(), e);
    }
  }

  private static LabeledImages fixed(ModelSettings settings) {
    try {
      if (settings.validation() instanceof Validation.FashionMnistTest test) {
        return FashionMnist.locate().load(FashionMnist.Split.TEST).first(test.size());
      }
      Path file = ((Validation.ShardFile) settings.validation()).path();
      String name = file.getFileName().toString();
      dev.net2net.daemon.data.ShardFile shard =
          name.endsWith(".csv")
              ? new dev.net2net.daemon.data.ShardFile(
                  file, java.util.List.of(file), dev.net2net.daemon.data.ShardFile.Kind.CSV)
              : new dev.net2net.daemon.data.ShardFile(
                  file,
                  java.util.List.of(
                      file,
                      file.resolveSibling(
                          name.replace("-images-idx3-ubyte", "-labels-idx1-ubyte"))),
                  dev.net2net.daemon.data.ShardFile.Kind.IDX);
      return shard.read();
    } catch (DatasetException e) {
      throw new IllegalArgumentException(
          "model '" + settings.name() + "': its validation set cannot be read: " + e.getMessage(),
          e);
    }
  }

  /**
   * An imported seed must take the schema's input and predict its classes: refused with both
   * numbers otherwise (the input is checked when the schema fixes it: images, or a table with
   * listed features).
   */
  public static void checkImportedSeed(ModelSettings settings) {
    if (!(settings.seed() instanceof Seed.Import imported) || settings.schema().isEmpty()) {
      return;
    }
    DatasetSchema schema = settings.schema().get();
    Model model = ModelFiles.load(imported.zip());
    int classes = outputs(model);
    if (classes != schema.classes().count()) {
      throw new IllegalArgumentException(
          "model '"
              + settings.name()
              + "': the imported seed "
              + imported.zip()
              + " predicts "
              + classes
              + " classes; the schema has "
              + schema.classes().count());
    }
    Optional<Integer> inputs =
        schema.shape() instanceof TabularShape t
            ? (t.features() instanceof Features.Named n
                ? Optional.of(n.columns().size())
                : Optional.empty())
            : Optional.of(((dev.net2net.datasets.schema.ImageShape) schema.shape()).pixels());
    long modelInputs = inputs(model);
    if (inputs.isPresent() && modelInputs > 0 && modelInputs != inputs.get()) {
      throw new IllegalArgumentException(
          "model '"
              + settings.name()
              + "': the imported seed "
              + imported.zip()
              + " takes "
              + modelInputs
              + " input values; the schema gives "
              + inputs.get());
    }
  }

  private static int outputs(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return net.numLabels();
    }
    ComputationGraph graph = (ComputationGraph) model;
    return (int)
        ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
                graph.getOutputLayer(0).conf().getLayer())
            .getNOut();
  }

  /** Values per example the model takes, or 0 when its configuration does not say. */
  private static long inputs(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      var pre = net.getLayerWiseConfigurations().getInputPreProcess(0);
      if (pre instanceof org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor f) {
        return f.getInputHeight() * f.getInputWidth() * f.getNumChannels();
      }
      return net.layerInputSize(0);
    }
    return 0; // a graph's configuration keeps no input type; a mismatch shows at its first batch
  }
}
