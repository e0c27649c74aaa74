/**
 * Net2DeeperNet: {@link dev.net2net.deepen.Net2DeeperNet} inserts, after a chosen layer or vertex,
 * a layer initialised as the identity (dense, or a convolution with an identity kernel, optionally
 * followed by an identity batch normalization) or, in a {@code ComputationGraph}, a residual block
 * whose branch starts at zero. An identity layer is exact only after an idempotent activation,
 * which {@link dev.net2net.deepen.Idempotence} decides; a residual block is exact after any
 * activation. The package-private {@code DeepenPlanner} reads the teacher through {@code model}'s
 * topology and layouts and produces a {@code surgery} plan, and the result's output difference is
 * measured with {@code verify}. {@code towers} repeats these steps over Inception towers, and the
 * command line's {@code deepen} command, the daemon's growth worker and the benchmarks call it
 * directly.
 */
package dev.net2net.deepen;
