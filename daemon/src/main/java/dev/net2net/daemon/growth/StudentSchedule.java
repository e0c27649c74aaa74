package dev.net2net.daemon.growth;

import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.Decay;
import dev.net2net.continuation.LearningRates;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.continuation.RateSchedule;
import dev.net2net.policies.model.ContinuationPlan;
import dev.net2net.policies.model.TrainingPlan;
import org.deeplearning4j.nn.api.Model;

/**
 * A training plan's continuation, in the transforms' and DL4J's terms: the {@link Continuation} the
 * transform applies (rate scale, optimizer state carried or reset), and the {@link RateSchedule}
 * installed on the candidate for its round of training and removed after it, so that the registered
 * version keeps its parent's rate.
 */
final class StudentSchedule {
  private StudentSchedule() {}

  static Continuation continuation(TrainingPlan plan) {
    return new Continuation(
        plan.learningRateScale(),
        plan.continuation().optimizerState() == ContinuationPlan.OptimizerState.CARRY
            ? OptimizerState.CARRY
            : OptimizerState.RESET);
  }

  static RateSchedule shape(ContinuationPlan plan) {
    Decay decay =
        plan.schedule() == ContinuationPlan.Schedule.COSINE ? Decay.COSINE : Decay.CONSTANT;
    return new RateSchedule(decay, plan.warmup());
  }

  /**
   * The optimizer steps of a round: every epoch's mini-batches, as the training loop makes them.
   */
  static long steps(TrainingPlan plan, long rows, int batchSize) {
    return Math.max(1, plan.epochs() * ((rows + batchSize - 1) / batchSize));
  }

  /** Installs the plan's schedule on a transformed candidate before its training. */
  static void begin(Model student, TrainingPlan plan, long rows, int batchSize) {
    LearningRates.schedule(student, shape(plan.continuation()), steps(plan, rows, batchSize));
  }

  /**
   * After the round: the schedule is removed and the candidate returns to its parent's rate (the
   * reduced rate belongs to this round; the version keeps its parent's, or every growth would
   * shrink it again until nothing learns).
   */
  static void end(Model student, TrainingPlan plan) {
    LearningRates.endSchedule(student);
    LearningRates.scale(student, 1.0 / plan.learningRateScale());
  }
}
