package dev.net2net.deepen;

/** What Net2DeeperNet inserts after the chosen layer or vertex. */
public enum InsertedBlock {
  /**
   * The paper's identity layer: a dense layer with an identity weight matrix, or a convolution with
   * an identity kernel, using the activation that produced its input. Exact only when that
   * activation is idempotent (relu, relu6, hardtanh, identity); other activations are refused.
   */
  IDENTITY_LAYER,
  /**
   * A residual block, for any activation and for ComputationGraphs only: a branch reading the
   * tensor X (a dense or convolution layer with DL4J's own random initialisation and a ReLU,
   * optionally with a batch normalization, then a layer whose weights and bias are zero) and an
   * element-wise sum X + branch(X) that every former reader of X reads instead. The branch starts
   * at exactly zero, so the sum is X; the zero layer's gradient is not zero (its input is the
   * random inner layer's output), so training moves it away from zero.
   */
  RESIDUAL
}
