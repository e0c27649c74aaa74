/**
 * The transform library's public entry types: {@link dev.net2net.Transformed}, the student network
 * a transform returns together with its {@link dev.net2net.report.TransformReport}, and {@link
 * dev.net2net.TransformException}, the refusal (of kind {@code BAD_INPUT}) whose message names the
 * layer, what was wrong and what would have been accepted. The transforms themselves live in the
 * subpackages: {@code widen} and {@code deepen} for single steps, {@code towers} for whole-model
 * steps, {@code baseline} for the paper's non-preserving comparisons. Every transform package
 * returns these types, and the command line, the daemon's growth worker and the benchmarks receive
 * them; this package itself depends only on {@code report} and on {@code dev.net2net.errors}.
 */
package dev.net2net;
