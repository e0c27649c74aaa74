/**
 * The one training loop and the measurements around it: {@link dev.net2net.training.TrainingLoop}
 * trains on shuffled mini-batches, evaluates on the held-out set before training and after each
 * epoch, stops early on validation accuracy and restores the best weights (which may be the
 * starting ones, so training that makes a grown student worse is undone), and turns NaN or
 * exhausted memory into a {@link dev.net2net.training.TrainingFailedException}. Data reaches it
 * only as a {@link dev.net2net.training.BatchSource} read one {@link
 * dev.net2net.training.MiniBatches} pass at a time, so memory is bounded by the batch, not the
 * data; {@link dev.net2net.training.Examples} is the in-memory source, and {@link
 * dev.net2net.training.Evaluations} measures accuracy and cross-entropy as a {@link
 * dev.net2net.training.ModelEvaluation}. It uses {@code dev.net2net.io} and {@code
 * dev.net2net.model} to shape inputs and knows nothing of the service; the daemon's growth worker
 * and evaluator and the benchmarks train and measure with it.
 */
package dev.net2net.training;
