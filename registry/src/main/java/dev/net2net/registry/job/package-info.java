/**
 * The durable growth-job queue: {@link dev.net2net.registry.job.GrowthJobs} stores a job as a row
 * before any work starts, deduplicated by the key naming its intent, so a retry after a crash never
 * creates a second one. Workers claim jobs with {@code SELECT ... FOR UPDATE SKIP LOCKED} and hold
 * them under a {@link dev.net2net.registry.job.Lease} measured in database time, whose token is new
 * at every claim; a worker whose lease expired gets a {@link
 * dev.net2net.registry.job.LeaseLostException}, and its job becomes claimable again up to its
 * attempt limit. The package works through {@code db} and {@code internal}; the daemon's policy
 * engine enqueues jobs, its growth worker claims and completes them, and its HTTP API lists them.
 */
package dev.net2net.registry.job;
