package dev.net2net.daemon.models;

import dev.net2net.daemon.config.DaemonConfig.ModelSettings;
import dev.net2net.daemon.data.Dataset;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import dev.net2net.training.BatchSource;
import dev.net2net.training.CachedSource;
import dev.net2net.training.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * One model the daemon grows: its settings, its training data, its fixed held-out validation set,
 * and the history of its champion's evaluations that the policies read. Thread-safe.
 */
public final class ManagedModel {
  private static final int EVALUATIONS_KEPT = 200;

  private final ModelSettings settings;
  private final Dataset dataset;
  private final ValidationData validation;
  private volatile List<String> unrecognizedFiles = List.of();
  private final List<ChampionEvaluation> evaluations = new ArrayList<>();

  public ManagedModel(ModelSettings settings, LabeledImages validation) {
    this(settings, new ValidationData.Fixed(validation));
  }

  public ManagedModel(ModelSettings settings, ValidationData validation) {
    this.settings = Objects.requireNonNull(settings);
    this.validation = Objects.requireNonNull(validation);
    this.dataset = new Dataset(settings.name());
  }

  public String name() {
    return settings.name();
  }

  public ModelSettings settings() {
    return settings;
  }

  public Dataset dataset() {
    return dataset;
  }

  public ValidationData validation() {
    return validation;
  }

  /** Which rows of an incoming shard are held out for validation. */
  public HoldoutRule holdoutRule() {
    return settings.holdout().map(Holdout::shardRule).orElseGet(HoldoutRule::none);
  }

  /**
   * Tabular features are standardised (statistics fixed at the seed, kept in the model zip); images
   * are not.
   */
  public boolean standardises() {
    return settings.effectiveSchema().shape() instanceof TabularShape;
  }

  /** The training rows of a snapshot, streamed from their caches, shaped for {@code model}. */
  public BatchSource training(
      Model model, Dataset.Snapshot snapshot, Optional<DataNormalization> normalizer) {
    return CachedSource.training(model, snapshot.shards(), normalizer);
  }

  /**
   * The validation rows that go with a snapshot: champion and candidate of one job see the same
   * ones.
   */
  public BatchSource validation(
      Model model, Dataset.Snapshot snapshot, Optional<DataNormalization> normalizer) {
    if (validation instanceof ValidationData.Fixed fixed) {
      return Examples.forModel(model, fixed.images());
    }
    Optional<dev.net2net.datasets.cache.CacheFile> file =
        ((ValidationData.HeldOut) validation).file();
    return CachedSource.holdout(model, file.map(List::of).orElse(snapshot.shards()), normalizer);
  }

  public synchronized void recordEvaluation(ChampionEvaluation evaluation) {
    evaluations.add(evaluation);
    if (evaluations.size() > EVALUATIONS_KEPT) {
      evaluations.remove(0);
    }
  }

  /**
   * The files in the data folder that are no shard's, as the last scan found them (for the API).
   */
  public List<String> unrecognizedFiles() {
    return unrecognizedFiles;
  }

  public void unrecognizedFiles(List<String> names) {
    unrecognizedFiles = List.copyOf(names);
  }

  /** Evaluations of the current champion lineage, oldest first. */
  public synchronized List<ChampionEvaluation> evaluations() {
    return List.copyOf(evaluations);
  }
}
