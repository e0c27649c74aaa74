package dev.net2net.datasets.stream;

import dev.net2net.datasets.read.ElementType;
import dev.net2net.datasets.read.RowLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns stored rows into network inputs: uint8 samples scaled to [0, 1], float32 values as they
 * are.
 */
final class RowDecoder {
  private final RowLayout layout;
  private final int features;
  private final int rowBytes;

  RowDecoder(RowLayout layout) {
    this.layout = layout;
    this.features = layout.features();
    this.rowBytes = layout.rowBytes();
  }

  /**
   * Decodes the row at {@code buffer[at, at+rowBytes)} into {@code out[to, to+features)}; returns
   * its label.
   */
  int decode(ByteBuffer buffer, int at, float[] out, int to) {
    ByteBuffer b = buffer.order(ByteOrder.LITTLE_ENDIAN);
    if (layout.type() == ElementType.UINT8) {
      for (int j = 0; j < features; j++) {
        out[to + j] = (b.get(at + j) & 0xFF) * (1f / 255f);
      }
      return b.getInt(at + features);
    }
    for (int j = 0; j < features; j++) {
      out[to + j] = b.getFloat(at + 4 * j);
    }
    return b.getInt(at + 4 * features);
  }

  int rowBytes() {
    return rowBytes;
  }
}
