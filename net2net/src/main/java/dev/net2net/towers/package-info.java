/**
 * The paper's whole-model experiments on Inception-style graphs: {@link dev.net2net.towers.Towers}
 * widens every tower of every {@link dev.net2net.towers.InceptionModule} by a factor, or deepens
 * every tower by a number of identity layers or residual blocks, in one call with one combined
 * report. Modules and {@link dev.net2net.towers.Tower}s are found from the graph's structure (each
 * {@code MergeVertex} and the nodes only it reads), not from layer names, so any such {@code
 * ComputationGraph} qualifies. Each operation is a sequence of single {@code widen} or {@code
 * deepen} steps, each function-preserving on its own, and the final student is measured against the
 * teacher with {@code verify}; if any step is refused, the whole operation is. The command line,
 * the daemon's growth worker and the benchmarks use it.
 */
package dev.net2net.towers;
