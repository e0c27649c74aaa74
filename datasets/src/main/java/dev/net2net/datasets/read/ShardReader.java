package dev.net2net.datasets.read;

/**
 * Reads one shard against a schema, streaming: memory is one row (plus the format's own buffers),
 * whatever the shard's size. A shard that does not fit the schema is refused with a {@link
 * dev.net2net.datasets.DatasetException} that names the file and the place in it.
 */
public interface ShardReader {
  /** Sends every row to the sink and returns how many there were. */
  long read(RowSink sink);
}
