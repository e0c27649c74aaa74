/**
 * The stream benchmark ({@code bench/run stream}): Fashion-MNIST arriving in shards over simulated
 * time through the daemon's own classes (shard ingestion, registry, policy engine, growth pipeline)
 * in {@link dev.net2net.bench.stream.DaemonArm}, against retraining from scratch and fine-tuning
 * the seed at the daemon's growth points in {@link dev.net2net.bench.stream.Baselines}, each arm's
 * served accuracy an {@link dev.net2net.bench.stream.ArmCurve}. {@link
 * dev.net2net.bench.stream.StreamExperiment} runs them and writes the page through the report
 * package. Unlike the other experiments it needs PostgreSQL (a local server, or an embedded one).
 */
package dev.net2net.bench.stream;
