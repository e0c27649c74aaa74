/**
 * The daemon's side of the data plane: a {@link dev.net2net.daemon.data.DatasetVerticle} per model
 * scans its watched {@link dev.net2net.daemon.data.ShardFolder}, offering a shard only once its
 * files have stopped changing, and the {@link dev.net2net.daemon.data.ShardIngester} records each
 * shard in the registry ({@code dev.net2net.registry.shard}) by path and checksum before it counts,
 * moves a corrupt one to {@code quarantine/}, and adds the rest to the model's {@link
 * dev.net2net.daemon.data.Dataset}. Ingesting is blocking and runs on a worker thread; when the
 * data grows the verticle announces it as a daemon event, which the evaluator and the policy engine
 * act on. Reading shard files is left to {@code dev.net2net.datasets}, and {@code models} owns each
 * model's {@code Dataset}.
 */
package dev.net2net.daemon.data;
