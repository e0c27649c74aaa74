package dev.net2net.continuation;

/** What happens to the teacher's optimizer state (Adam's moments, momentum) in the student. */
public enum OptimizerState {
  /** The student starts with zero state, as a freshly initialised network would. */
  RESET,
  /**
   * The teacher's state is mapped like the parameters, scaled the way the replicas' gradients
   * relate to the original unit's: a replica's incoming gradient is 1/c of the original's (c
   * copies), its outgoing gradient is the original's. New layers start at zero. The iteration count
   * is kept, because Adam's bias correction depends on the age of the moments.
   */
  CARRY
}
