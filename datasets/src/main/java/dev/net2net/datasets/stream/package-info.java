/**
 * Streaming from cache files: {@link dev.net2net.datasets.stream.CacheBatches} is the DL4J {@code
 * DataSetIterator} over a {@link dev.net2net.datasets.stream.RowSet} (the training or held-out rows
 * of a list of caches) that visits every row once per epoch in the order {@link
 * dev.net2net.datasets.stream.EpochOrder} gives (a seeded permutation with no per-row memory);
 * {@link dev.net2net.datasets.stream.FeatureStatistics} computes standardisation statistics in one
 * streamed pass.
 */
package dev.net2net.datasets.stream;
