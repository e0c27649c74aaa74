package dev.net2net.policies.evaluate;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.TrainingPlan;
import java.util.Objects;

/**
 * The growth to start: what to do to the champion, how to train the result, and what it must prove.
 */
public record Growth(
    String policy, String rule, Action action, TrainingPlan training, PromotionGate gate) {

  public Growth {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(gate, "gate");
  }
}
