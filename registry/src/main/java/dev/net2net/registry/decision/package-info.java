/**
 * Policy decisions as durable records: {@link dev.net2net.registry.decision.Decisions} stores each
 * {@link dev.net2net.registry.decision.NewDecision} (the policy and rule that fired, the signals it
 * saw, the action and the outcome) when the policy engine makes it, and resolves it with the
 * resulting version when its growth job finishes. The record is what lets a user ask afterwards why
 * a model grew or did not. It is written through {@code db} and {@code internal} and refers to
 * {@code model}'s names and versions; the daemon's policy engine records decisions, its growth
 * worker resolves them, and its HTTP API reads them.
 */
package dev.net2net.registry.decision;
