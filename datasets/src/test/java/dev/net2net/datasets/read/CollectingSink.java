package dev.net2net.datasets.read;

import java.util.ArrayList;
import java.util.List;

/** Keeps every row a reader sends, for tests. */
public final class CollectingSink implements RowSink {
  public RowLayout layout;
  public final List<float[]> floats = new ArrayList<>();
  public final List<byte[]> bytes = new ArrayList<>();
  public final List<Integer> labels = new ArrayList<>();

  @Override
  public void begin(RowLayout layout) {
    this.layout = layout;
  }

  @Override
  public void row(float[] features, int label) {
    floats.add(features.clone());
    labels.add(label);
  }

  @Override
  public void row(byte[] pixels, int label) {
    bytes.add(pixels.clone());
    labels.add(label);
  }
}
