package dev.net2net.datasets.read;

/** How one feature value is stored: a byte for 8-bit image samples, a float for everything else. */
public enum ElementType {
  UINT8(1),
  FLOAT32(4);

  private final int bytes;

  ElementType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }
}
