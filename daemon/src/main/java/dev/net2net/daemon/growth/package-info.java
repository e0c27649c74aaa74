/**
 * Carrying out growth jobs: the {@link dev.net2net.daemon.growth.GrowthWorkerVerticle} claims jobs
 * from the registry's queue and runs them one at a time on a worker thread of its own, renewing the
 * lease, and the {@link dev.net2net.daemon.growth.GrowthPipeline} does one job start to finish:
 * load the champion, transform it, check preservation, train at the reduced learning rate,
 * evaluate, apply the promotion gate, register the version with lineage and metrics, and move the
 * {@code champion} alias by compare-and-set. A job is described by a self-contained {@link
 * dev.net2net.daemon.growth.GrowthSpec}, so any replica can run it even after the policy file
 * changed, and {@link dev.net2net.daemon.growth.ActionApplier} maps a policy's action onto the
 * transform library ({@code widen}, {@code deepen}, {@code towers}). This is where the transform
 * library, the training module, the policy model and the registry meet; the policy engine enqueues
 * the jobs that this package consumes.
 */
package dev.net2net.daemon.growth;
