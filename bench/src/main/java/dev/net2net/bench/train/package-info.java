/**
 * Training as the experiments measure it: {@link dev.net2net.bench.train.CurveTrainer} trains with
 * the same mini-batches and fit step as the training module's {@code TrainingLoop}, but evaluates
 * several times per epoch and trains to the end without early stopping, so that curves ({@link
 * dev.net2net.bench.train.Curve}) of different starting networks compare point by point; evaluation
 * time is not counted. {@link dev.net2net.bench.train.Flops}, {@link dev.net2net.bench.train.Sgemm}
 * and {@link dev.net2net.bench.train.Threads} give the work per example, the machine's
 * matrix-multiply rate and ND4J's thread settings, against which a training loop's achieved rate is
 * judged. It builds on {@code dev.net2net.training}, and the experiments use it.
 */
package dev.net2net.bench.train;
