/**
 * What a growth policy says, as immutable values: a {@link dev.net2net.policies.model.GrowthPolicy}
 * for one model, its ordered {@link dev.net2net.policies.model.Rule}s (a condition, a {@code for:}
 * duration, an action, a training plan and a promotion gate each) and its guards, together with the
 * small value types they are built from (metrics, durations, the layers and merge vertices an
 * action names, source locations). Every constructor validates, so a policy that exists is a sound
 * one. The package depends on nothing else in the module: {@code parse} builds these values from
 * YAML, {@code evaluate} and {@code simulate} read them, and the daemon turns an action into a
 * transform.
 */
package dev.net2net.policies.model;
