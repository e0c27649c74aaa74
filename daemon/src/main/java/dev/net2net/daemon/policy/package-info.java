/**
 * Turning signals into durable growth jobs: the {@link dev.net2net.daemon.policy.PolicyEngine}
 * builds each model's signals (rows now and at the champion's training, the champion's evaluations,
 * its size, a pending manual request), asks the pure evaluator of {@code dev.net2net.policies}, and
 * when a rule fires records the decision in the registry and enqueues a job keyed by it, so a retry
 * never enqueues twice. {@link dev.net2net.daemon.policy.PolicyVerticle} runs the engine only on
 * the replica holding the registry's leader lock, one evaluation at a time on a worker thread, and
 * wakes the local growth worker when a job is enqueued. {@link dev.net2net.daemon.policy.PolicySet}
 * is the validated policy file in force, refused as a whole if invalid, so a reload keeps the last
 * good one. The HTTP API reloads policies and passes manual requests through this package, and
 * {@code growth} consumes the jobs it enqueues.
 */
package dev.net2net.daemon.policy;
