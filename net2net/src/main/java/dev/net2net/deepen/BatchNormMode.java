package dev.net2net.deepen;

/** Whether the inserted layer is followed by a batch normalization that starts as the identity. */
public enum BatchNormMode {
  /** Only the identity layer. */
  NONE,
  /**
   * The identity layer, then a batch normalization with gamma = sqrt(var + eps) and beta = mean,
   * its running mean and variance set to the statistics of the activations at the insertion point
   * (measured on the given inputs), then the activation. In inference mode it is exactly the
   * identity; in training mode it is the identity on batches with those statistics.
   */
  IDENTITY,
  /**
   * The paper's "batch normalization without rescale": the normalization has no learned scale, and
   * the next layer's incoming weights are multiplied by the standard deviation instead. DL4J cannot
   * express a batch normalization with a fixed scale but a learned per-unit shift ({@code
   * lockGammaBeta} fixes both to scalars), so the shift the paper puts in beta (mean / stddev) is
   * folded into the next layer's bias: W' = W diag(stddev), b' = b + W mean. This needs the
   * inserted block to be read by exactly one dense, output or unpadded convolution layer.
   */
  NO_RESCALE
}
