package dev.net2net.continuation;

/** How the student's learning rate moves after any warm-up, over its round of training. */
public enum Decay {
  /** Stays at the rate the student starts from (the paper's reduced rate is this, at 0.1x). */
  CONSTANT,
  /**
   * Half a cosine from the starting rate down to zero at the last planned step: a warm restart of
   * the parent's schedule (SGDR, Loshchilov and Hutter 2017) rather than its continuation.
   */
  COSINE
}
