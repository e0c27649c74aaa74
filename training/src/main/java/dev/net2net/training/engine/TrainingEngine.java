package dev.net2net.training.engine;

import dev.net2net.training.BatchSource;
import dev.net2net.training.TrainingLoop;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;

/**
 * Where the epochs of the {@link TrainingLoop} run: in this process ({@link InProcessEngine}, the
 * default), or data-parallel on a cluster (the {@code spark} module's engine). The loop keeps what
 * is the same everywhere (evaluation before training and after each epoch, early stopping,
 * restoring the best weights, the per-epoch report); an engine only trains the model for one epoch
 * at a time.
 */
public interface TrainingEngine {

  /** The name a configuration chooses the engine by ({@code in-process}, {@code spark}). */
  String name();

  /**
   * Prepares to train {@code model} on {@code train}; each {@link Epochs#run} call is one epoch.
   * The model is updated in place: after every epoch it holds the trained weights.
   */
  Epochs start(
      Model model, BatchSource train, TrainingLoop.Settings settings, BooleanSupplier cancelled);

  /** One training run's epochs. Closing releases what the run holds (broadcasts, threads). */
  interface Epochs extends AutoCloseable {
    /**
     * Trains one epoch over every training row, in an order drawn from {@code random}; returns the
     * mean training loss. Throws {@link dev.net2net.training.TrainingFailedException} for a loss
     * that is not finite or exhausted memory, and {@link
     * java.util.concurrent.CancellationException} once {@code cancelled} says so.
     */
    double run(int epoch, Random random);

    @Override
    void close();
  }
}
