package dev.net2net.datasets.read;

/**
 * Where a reader sends the rows of a shard, one at a time. The arrays are reused by the reader: a
 * sink copies what it keeps.
 */
public interface RowSink {
  /** Called once, before the first row. */
  void begin(RowLayout layout);

  /** A tabular row ({@link ElementType#FLOAT32}). */
  void row(float[] features, int label);

  /** An image row ({@link ElementType#UINT8}), channel-major. */
  void row(byte[] pixels, int label);
}
