package dev.net2net.surgery;

import java.util.Objects;

/** One parameter array of one layer: {@code dense1/W}, {@code bn2/gamma}. */
public record ParamRef(String layer, String key) {
  public ParamRef {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(key, "key");
  }

  @Override
  public String toString() {
    return layer + "/" + key;
  }
}
