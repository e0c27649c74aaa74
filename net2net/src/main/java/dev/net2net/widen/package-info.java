/**
 * Net2WiderNet: {@link dev.net2net.widen.Net2WiderNet} gives a dense or convolution layer more
 * units by copying randomly chosen ones ({@link dev.net2net.widen.WideningMapping}, seeded) and
 * dividing the weights that read them by the number of copies, so the student computes what the
 * teacher did, optionally with symmetry-breaking {@link dev.net2net.widen.Noise}. The
 * package-private {@code WidenPlanner} carries a per-tensor unit map through any topology (per-unit
 * layers, flattens, concatenations), widens every layer that writes to the same residual sum with
 * one shared mapping, and refuses anything else it reaches by name; the outcome is a {@link
 * dev.net2net.widen.WideningPlan} holding a {@code surgery} plan. It plans on {@code model} and
 * measures with {@code verify}; {@code towers} and {@code baseline} build on it, and the command
 * line's {@code widen} command, the daemon's growth worker and the benchmarks call it.
 */
package dev.net2net.widen;
