/**
 * The dataset shards the daemon has seen: {@link dev.net2net.registry.shard.DatasetShards} records
 * each shard once by path and checksum, with its row count and whether it was ingested or
 * quarantined ({@link dev.net2net.registry.shard.ShardStatus}), so a restarted daemon neither
 * counts a shard twice nor forgets one. Recording returns a {@link
 * dev.net2net.registry.shard.ShardRecording} that says whether this call was the first. It works
 * through {@code db} and {@code internal}; the daemon's dataset watcher ({@code
 * dev.net2net.daemon.data}) is its only caller.
 */
package dev.net2net.registry.shard;
