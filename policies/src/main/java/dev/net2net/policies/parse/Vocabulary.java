package dev.net2net.policies.parse;

import java.util.List;

/**
 * The policy language's words: the keys each mapping allows and the keywords some values may be.
 * They live together so that the JSON Schema can be checked against them in one place
 * (JsonSchemaTest does); the binders read them from here.
 */
final class Vocabulary {

  static final List<String> DOCUMENT_KEYS = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA_KEYS = List.of("name", "description");
  static final List<String> SPEC_KEYS =
      List.of("model", "training", "promotion", "guards", "rules");
  static final List<String> RULE_KEYS =
      List.of("name", "when", "for", "action", "training", "promotion");
  static final List<String> CONDITION_KEYS =
      List.of("datasetGrowth", "plateau", "underfitting", "schedule", "manual", "all", "any");
  static final List<String> DATASET_GROWTH_KEYS = List.of("ratio", "rows");
  static final List<String> PLATEAU_KEYS =
      List.of("metric", "split", "mode", "minDelta", "evaluations");
  static final List<String> UNDERFITTING_KEYS = List.of("metric", "mode", "maxGap", "target");
  static final List<String> SCHEDULE_KEYS = List.of("every");
  static final List<String> ACTION_KEYS =
      List.of("widen", "deepen", "tryBoth", "tournament", "widenTowers", "deepenTowers");
  static final List<String> SINGLE_ACTION_KEYS =
      List.of("widen", "deepen", "widenTowers", "deepenTowers");
  static final List<String> TOURNAMENT_KEYS = List.of("candidates", "deadline");
  static final List<String> CANDIDATE_KEYS =
      List.of("widen", "deepen", "widenTowers", "deepenTowers", "training");
  static final List<String> TRY_BOTH_KEYS =
      List.of("widen", "deepen", "widenTowers", "deepenTowers");
  static final List<String> WIDEN_KEYS = List.of("layers", "factor", "width", "noise", "seed");
  static final List<String> DEEPEN_KEYS = List.of("after", "kernel", "batchNorm");
  static final List<String> WIDEN_TOWERS_KEYS = List.of("merges", "factor", "noise");
  static final List<String> DEEPEN_TOWERS_KEYS = List.of("merges", "convs", "kernel", "batchNorm");
  static final List<String> TRAINING_KEYS =
      List.of("learningRateScale", "epochs", "batchSize", "earlyStopping", "continuation");
  static final List<String> CONTINUATION_KEYS = List.of("schedule", "warmup", "optimizerState");
  static final List<String> SCHEDULES = List.of("constant", "cosine");
  static final List<String> OPTIMIZER_STATES = List.of("reset", "carry");
  static final List<String> EARLY_STOPPING_KEYS = List.of("patience", "minDelta");
  static final List<String> PROMOTION_KEYS = List.of("metric", "mode", "minImprovement");
  static final List<String> GUARD_KEYS =
      List.of("cooldown", "maxGrowthsPerDay", "maxParameters", "maxConsecutiveFailures");
  static final List<String> SPLITS = List.of("validation", "train");
  static final List<String> MODES = List.of("max", "min");
  static final String ALL_HIDDEN = "all-hidden";
  static final String LAST_HIDDEN = "last-hidden";
  static final String ALL_MERGES = "all";

  private Vocabulary() {}
}
