package dev.net2net.daemon.policy;

import dev.net2net.policies.evaluate.AttemptOutcome;
import dev.net2net.policies.model.ActionKind;
import dev.net2net.registry.decision.DecisionOutcome;
import dev.net2net.registry.decision.GrowthKind;

/**
 * Where the policy language's words meet the registry's: each mapping is an exhaustive switch, so a
 * word added on one side fails to compile here until the other side knows it too.
 */
public final class Vocabularies {
  private Vocabularies() {}

  public static GrowthKind growthKind(ActionKind kind) {
    return switch (kind) {
      case WIDEN -> GrowthKind.WIDEN;
      case DEEPEN -> GrowthKind.DEEPEN;
      case TOURNAMENT -> GrowthKind.TOURNAMENT;
      case WIDEN_TOWERS -> GrowthKind.WIDEN_TOWERS;
      case DEEPEN_TOWERS -> GrowthKind.DEEPEN_TOWERS;
    };
  }

  /** The policy action of a growth kind; a seed is no policy action. */
  public static ActionKind actionKind(GrowthKind kind) {
    return switch (kind) {
      case WIDEN -> ActionKind.WIDEN;
      case DEEPEN -> ActionKind.DEEPEN;
      // tryBoth is a tournament of two now; older decisions recorded it under its own name
      case TRY_BOTH, TOURNAMENT -> ActionKind.TOURNAMENT;
      case WIDEN_TOWERS -> ActionKind.WIDEN_TOWERS;
      case DEEPEN_TOWERS -> ActionKind.DEEPEN_TOWERS;
      case SEED -> throw new IllegalArgumentException("a seed is not a policy action");
    };
  }

  /** How a growth's decision stands, as the guards see it. Only a growth's outcomes have one. */
  public static AttemptOutcome attemptOutcome(DecisionOutcome outcome) {
    return switch (outcome) {
      case ENQUEUED -> AttemptOutcome.IN_PROGRESS;
      case PROMOTED -> AttemptOutcome.PROMOTED;
      case REJECTED -> AttemptOutcome.REJECTED;
      case FAILED -> AttemptOutcome.FAILED;
      case HELD, REQUESTED, CONSUMED ->
          throw new IllegalArgumentException(
              "'" + outcome.label() + "' is not the outcome of a growth");
    };
  }

  /** How a finished attempt resolves its decision. An attempt in progress resolves nothing. */
  public static DecisionOutcome decisionOutcome(AttemptOutcome outcome) {
    return switch (outcome) {
      case PROMOTED -> DecisionOutcome.PROMOTED;
      case REJECTED -> DecisionOutcome.REJECTED;
      case FAILED -> DecisionOutcome.FAILED;
      case IN_PROGRESS ->
          throw new IllegalArgumentException("an attempt in progress has not ended its decision");
    };
  }
}
