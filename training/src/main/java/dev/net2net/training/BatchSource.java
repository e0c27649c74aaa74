package dev.net2net.training;

import java.util.Random;

/**
 * Labelled rows a model trains or is evaluated on, read one mini-batch at a time. The in-memory
 * {@link Examples} is one source; a source streaming from files on disk is another. The training
 * loop and the evaluation only ever see batches, so memory is bounded by the batch, not the data.
 */
public interface BatchSource {

  /** The number of rows one pass visits. */
  long rows();

  /** One epoch: every row exactly once, in an order drawn from {@code random}. */
  MiniBatches shuffled(int batchSize, Random random);

  /** Every row exactly once, in storage order (for evaluation). */
  MiniBatches inOrder(int batchSize);
}
