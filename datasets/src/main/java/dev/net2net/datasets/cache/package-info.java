/**
 * The on-disk shard cache: a shard converted once into fixed-width little-endian rows (uint8
 * images, float32 features, an int32 label) behind a checksummed header, training rows first.
 * {@link dev.net2net.datasets.cache.ShardCache} uses an intact cache and rebuilds a stale or
 * corrupt one from its shard; a damaged cache is a {@link
 * dev.net2net.datasets.cache.CacheException}, never trained on.
 */
package dev.net2net.datasets.cache;
