/**
 * The reproducible experiments, one class each: {@link dev.net2net.bench.experiments.Wider} and
 * {@link dev.net2net.bench.experiments.Deeper} (the paper's Net2WiderNet and Net2DeeperNet
 * comparisons against random pad and random init), {@link dev.net2net.bench.experiments.Design},
 * {@link dev.net2net.bench.experiments.OptimizerStates}, {@link
 * dev.net2net.bench.experiments.TransformCost}, {@link dev.net2net.bench.experiments.Throughput}
 * and the {@link dev.net2net.bench.experiments.Headline} ratio derived from the others' curves.
 * Comparisons train every arm for the same budget from a shared teacher, interleaving arms seed by
 * seed so that other load on the machine falls on all of them alike. They use the transform library
 * and its baselines to make the starting networks, {@code train} and the training module to train
 * and measure them, {@code jmh} for transform cost, and {@code report} to write results; {@code
 * Bench} in the parent package lists and runs them.
 */
package dev.net2net.bench.experiments;
