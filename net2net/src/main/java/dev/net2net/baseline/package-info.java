/**
 * The paper's two baselines, which Net2Net's function-preserving transforms are measured against:
 * {@link dev.net2net.baseline.RandomInit}, the student's architecture trained from fresh random
 * weights, and {@link dev.net2net.baseline.RandomPad}, the wider architecture with the teacher's
 * weights copied undivided and the new units left at a random initialisation. They are deliberately
 * not function-preserving. {@code RandomPad} reuses {@code widen}'s planning and {@code surgery}'s
 * surgeon so that it builds exactly the architecture Net2WiderNet would, and reports its output
 * difference through {@code verify}. Only the benchmarks' experiments use this package.
 */
package dev.net2net.baseline;
