/**
 * The experiment runner and what every experiment shares: {@link dev.net2net.bench.Bench} runs one
 * {@link dev.net2net.bench.Experiment} or all of them in order ({@code bench/run <name> [--quick]
 * [--out DIR]}), {@link dev.net2net.bench.Options} refuses an option no experiment knows, {@link
 * dev.net2net.bench.Data} subsamples Fashion-MNIST from the Debian package, and {@link
 * dev.net2net.bench.Models} builds the experiments' architectures from the daemon's seed MLP
 * ({@code dev.net2net.training.seed}) and the zoo's mini Inception-BN. The experiments themselves
 * live in {@code experiments}, and their results are written as pages through {@code report}, by
 * default to {@code docs/results/}.
 */
package dev.net2net.bench;
