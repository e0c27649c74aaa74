package dev.net2net.io;

/** Where the inputs a transform is measured on came from. */
public enum ProbeSource {
  /** Fashion-MNIST test images, for models that take 28x28 grey images. */
  FASHION_MNIST,
  /** Rows of a CSV or TSV file. */
  CSV,
  /** Items of an IDX file. */
  IDX,
  /** Random inputs of the model's input type. */
  RANDOM,
  /** No inputs: the measurement was skipped ({@code --probes 0}). */
  NONE
}
