package dev.net2net.training.engine;

import dev.net2net.training.BatchSource;
import dev.net2net.training.MiniBatches;
import dev.net2net.training.TrainingLoop;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The default engine: shuffled mini-batches fitted one after the other in this process, the
 * cancellation asked before every batch.
 */
public final class InProcessEngine implements TrainingEngine {
  public static final String NAME = "in-process";
  private static final InProcessEngine INSTANCE = new InProcessEngine();

  private InProcessEngine() {}

  public static InProcessEngine instance() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Epochs start(
      Model model, BatchSource train, TrainingLoop.Settings settings, BooleanSupplier cancelled) {
    return new Epochs() {
      @Override
      public double run(int epoch, Random random) {
        double lossSum = 0;
        int batches = 0;
        try (MiniBatches next = train.shuffled(settings.batchSize(), random)) {
          while (next.hasNext()) {
            DataSet data = next.next();
            if (cancelled.getAsBoolean()) {
              throw new CancellationException("training cancelled in epoch " + epoch);
            }
            lossSum += TrainingLoop.fitBatch(model, data, epoch, batches + 1);
            batches++;
          }
        }
        return lossSum / batches;
      }

      @Override
      public void close() {}
    };
  }
}
