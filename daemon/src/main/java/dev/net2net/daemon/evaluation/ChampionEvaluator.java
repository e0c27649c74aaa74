package dev.net2net.daemon.evaluation;

import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.training.Evaluations;
import dev.net2net.training.Examples;
import dev.net2net.training.ModelEvaluation;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.io.ModelFiles;
import dev.net2net.policies.evaluate.ChampionEvaluation;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.VersionRef;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;

/**
 * Measures a model's champion on its held-out validation set (and on a sample of its training data,
 * for the underfitting trigger), feeds the result to the policies and the gauges. The champion's
 * network is loaded once per version. Blocking.
 */
public final class ChampionEvaluator {
  private static final int TRAIN_SAMPLE = 2000;

  /** One measurement of a champion. */
  public record Measured(int version, ModelEvaluation validation, Optional<ModelEvaluation> train, long parameters) {}

  private final Registry registry;
  private final DaemonMeters meters;
  private int loadedVersion = -1;
  private Model loaded;

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
      loaded = ModelFiles.load(registry.versions().verifiedArtifactPath(new VersionRef(name, champion.get())));
      loadedVersion = champion.get();
    }
    ModelEvaluation validation = Evaluations.evaluate(loaded, Examples.forModel(loaded, model.validation()));
    Optional<ModelEvaluation> train = model.dataset().snapshot().shards().stream().findFirst()
        .map(first -> first.first(TRAIN_SAMPLE))
        .map((LabeledImages sample) -> Evaluations.evaluate(loaded, Examples.forModel(loaded, sample)));
    model.recordEvaluation(new ChampionEvaluation(now,
        train.map(t -> Map.of("accuracy", t.accuracy(), "loss", t.loss())).orElse(Map.of()),
        Map.of("accuracy", validation.accuracy(), "loss", validation.loss())));
    meters.champion(model.name(), champion.get(), validation.accuracy(), validation.loss(), loaded.numParams());
    return Optional.of(new Measured(champion.get(), validation, train, loaded.numParams()));
  }
}
