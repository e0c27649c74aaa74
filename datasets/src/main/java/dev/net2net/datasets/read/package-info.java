/**
 * Shard readers: each streams one shard's rows, checked against a schema, into a {@link
 * dev.net2net.datasets.read.RowSink}, one row at a time, and refuses a shard that does not fit with
 * a {@link dev.net2net.datasets.DatasetException} naming the file and the place (file:line:column
 * for CSV and TSV, row and column for Parquet, the image's path for images). {@link
 * dev.net2net.datasets.read.ShardSource} recognises a shard by name and picks its reader.
 */
package dev.net2net.datasets.read;
