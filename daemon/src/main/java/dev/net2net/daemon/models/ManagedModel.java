package dev.net2net.daemon.models;

import dev.net2net.daemon.config.DaemonConfig.ModelSettings;
import dev.net2net.daemon.data.Dataset;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One model the daemon grows: its settings, its training data, its fixed held-out validation set, and
 * the history of its champion's evaluations that the policies read. Thread-safe.
 */
public final class ManagedModel {
  private static final int EVALUATIONS_KEPT = 200;

  private final ModelSettings settings;
  private final Dataset dataset;
  private final LabeledImages validation;
  private volatile List<String> unrecognizedFiles = List.of();
  private final List<ChampionEvaluation> evaluations = new ArrayList<>();

  public ManagedModel(ModelSettings settings, LabeledImages validation) {
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

  public LabeledImages validation() {
    return validation;
  }

  public synchronized void recordEvaluation(ChampionEvaluation evaluation) {
    evaluations.add(evaluation);
    if (evaluations.size() > EVALUATIONS_KEPT) {
      evaluations.remove(0);
    }
  }

  /** The files in the data folder that are no shard's, as the last scan found them (for the API). */
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
