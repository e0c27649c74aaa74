package dev.net2net.daemon.evaluation;

import dev.net2net.daemon.data.Dataset;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.models.ValidationData;
import dev.net2net.io.ModelFiles;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.training.BatchSource;
import dev.net2net.training.Evaluations;
import dev.net2net.training.Examples;
import dev.net2net.training.MiniBatches;
import dev.net2net.training.ModelEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * Measures a model's champion on its held-out validation set (and on a sample of its training data,
 * for the underfitting trigger), feeds the result to the policies and the gauges. The champion's
 * network is loaded once per version. Blocking.
 */
public final class ChampionEvaluator {
  private static final int TRAIN_SAMPLE = 2000;

  /** One measurement of a champion. */
  public record Measured(
      int version, ModelEvaluation validation, Optional<ModelEvaluation> train, long parameters) {}

  private final Registry registry;
  private final DaemonMeters meters;
  private int loadedVersion = -1;
  private Model loaded;
  private Optional<DataNormalization> normalizer = Optional.empty();

  public ChampionEvaluator(Registry registry, DaemonMeters meters) {
    this.registry = registry;
    this.meters = meters;
  }

  public Optional<Measured> evaluate(ManagedModel model, Instant now) {
    ModelName name = new ModelName(model.name());
    if (registry.models().find(name).isEmpty()) {
      return Optional.empty();
    }
    Optional<Integer> champion = registry.aliases().resolve(name, AliasName.CHAMPION);
    if (champion.isEmpty()) {
      return Optional.empty();
    }
    if (champion.get() != loadedVersion) {
      Path zip = registry.versions().verifiedArtifactPath(new VersionRef(name, champion.get()));
      loaded = ModelFiles.load(zip);
      try {
        normalizer = Optional.ofNullable(ModelSerializer.restoreNormalizerFromFile(zip.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      loadedVersion = champion.get();
    }
    Dataset.Snapshot data = model.dataset().snapshot();
    if (data.shards().isEmpty()
        && !(model.validation() instanceof ValidationData.Fixed)
        && !(model.validation() instanceof ValidationData.HeldOut h && h.file().isPresent())) {
      return Optional.empty(); // no held-out rows before the first shard is (re)loaded
    }
    BatchSource held = model.validation(loaded, data, normalizer);
    if (held.rows() == 0) {
      return Optional.empty();
    }
    ModelEvaluation validation = Evaluations.evaluate(loaded, held);
    Optional<ModelEvaluation> train = Optional.empty();
    if (data.trainingRows() > 0) {
      try (MiniBatches first = model.training(loaded, data, normalizer).inOrder(TRAIN_SAMPLE)) {
        DataSet sample = first.next();
        train =
            Optional.of(
                Evaluations.evaluate(
                    loaded, new Examples(sample.getFeatures(), sample.getLabels())));
      }
    }
    model.recordEvaluation(
        new ChampionEvaluation(
            now,
            train.map(t -> Map.of("accuracy", t.accuracy(), "loss", t.loss())).orElse(Map.of()),
            Map.of("accuracy", validation.accuracy(), "loss", validation.loss())));
    meters.champion(
        model.name(), champion.get(), validation.accuracy(), validation.loss(), loaded.numParams());
    return Optional.of(new Measured(champion.get(), validation, train, loaded.numParams()));
  }
}
