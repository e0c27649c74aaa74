package dev.net2net.daemon.growth;

import java.util.function.Supplier;

/**
 * How a job's results become durable. The pipeline does its slow work (transform, training,
 * evaluation) first and hands every registry write it wants (versions, metrics, the alias move) to
 * {@link #commit} as one step; the worker runs that step in one transaction fenced by the job's
 * lease, together with the decision's resolution and the job's completion. So a job's versions
 * exist only if its job succeeded, and only the worker that held the lease at that moment can have
 * written them.
 */
@FunctionalInterface
public interface JobCommit {
  /** Runs {@code registration} durably and atomically, or throws and leaves nothing written. */
  GrowthOutcome commit(Supplier<GrowthOutcome> registration);
}
