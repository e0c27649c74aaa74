package dev.net2net.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Images and their class labels, as a network sees them: features {@code [n, rows*cols]} scaled to
 * [0, 1], labels one-hot {@code [n, classes]}.
 */
public final class LabeledImages {
  private final INDArray features;
  private final INDArray labels;
  private final int rows;
  private final int cols;

  public LabeledImages(INDArray features, INDArray labels, int rows, int cols) {
    if (features.rank() != 2 || labels.rank() != 2) {
      throw new IllegalArgumentException("features and labels must be matrices");
    }
    if (features.size(0) != labels.size(0)) {
      throw new IllegalArgumentException(
          features.size(0) + " images but " + labels.size(0) + " labels");
    }
    if (features.size(1) != (long) rows * cols) {
      throw new IllegalArgumentException(
          "features have " + features.size(1) + " columns, images are " + rows + "x" + cols);
    }
    this.features = features;
    this.labels = labels;
    this.rows = rows;
    this.cols = cols;
  }

  /** Combines an IDX image file and an IDX label file, checking that they belong together. */
  public static LabeledImages fromIdx(IdxFile images, IdxFile labels, int classes, String where) {
    int[] dims = images.dims();
    if (dims.length != 3) {
      throw new DatasetException(
          where + ": images must have 3 dimensions (count, rows, columns), found " + dims.length);
    }
    if (labels.dims().length != 1) {
      throw new DatasetException(
          where + ": labels must have 1 dimension (count), found " + labels.dims().length);
    }
    if (images.count() != labels.count()) {
      throw new DatasetException(
          where + ": " + images.count() + " images but " + labels.count() + " labels");
    }
    int n = images.count();
    int size = images.itemSize();
    float[] pixels = new float[n * size];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = images.unsigned(i) / 255f;
    }
    float[] oneHot = new float[n * classes];
    for (int i = 0; i < n; i++) {
      int label = labels.unsigned(i);
      if (label >= classes) {
        throw new DatasetException(
            where + ": label " + label + " of item " + i + " is outside 0.." + (classes - 1));
      }
      oneHot[i * classes + label] = 1f;
    }
    return new LabeledImages(
        Nd4j.create(pixels, new long[] {n, size}, 'c'),
        Nd4j.create(oneHot, new long[] {n, classes}, 'c'),
        dims[1],
        dims[2]);
  }

  public INDArray features() {
    return features;
  }

  public INDArray labels() {
    return labels;
  }

  public int size() {
    return (int) features.size(0);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int classes() {
    return (int) labels.size(1);
  }

  /** Features shaped for a convolutional input: {@code [n, 1, rows, cols]}. */
  public INDArray imageFeatures() {
    return features.reshape('c', features.size(0), 1, rows, cols);
  }

  /** The items {@code [from, to)}, sharing no data with this set. */
  public LabeledImages slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") of " + size() + " items");
    }
    return new LabeledImages(
        features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
        labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup(),
        rows,
        cols);
  }

  public LabeledImages first(int n) {
    return slice(0, Math.min(n, size()));
  }

  /** Several sets of images of one size, one after the other. */
  public static LabeledImages concat(java.util.List<LabeledImages> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    LabeledImages first = parts.get(0);
    for (LabeledImages p : parts) {
      if (p.rows != first.rows || p.cols != first.cols || p.classes() != first.classes()) {
        throw new IllegalArgumentException(
            "cannot concatenate "
                + p.rows
                + "x"
                + p.cols
                + " images in "
                + p.classes()
                + " classes with "
                + first.rows
                + "x"
                + first.cols
                + " in "
                + first.classes());
      }
    }
    INDArray features =
        org.nd4j.linalg.factory.Nd4j.vstack(
            parts.stream().map(LabeledImages::features).toArray(INDArray[]::new));
    INDArray labels =
        org.nd4j.linalg.factory.Nd4j.vstack(
            parts.stream().map(LabeledImages::labels).toArray(INDArray[]::new));
    return new LabeledImages(features, labels, first.rows, first.cols);
  }

  public DataSet toDataSet() {
    return new DataSet(features, labels);
  }
}
