/**
 * Decides whether a model grows now. The {@link dev.net2net.policies.evaluate.Evaluator} is a pure
 * function of a {@code model} policy, the current {@link dev.net2net.policies.evaluate.Signals}
 * (dataset size, champion evaluations, the time) and the model's {@link
 * dev.net2net.policies.evaluate.History} (past attempts, failures, the {@code for:} clocks); it
 * returns a {@link dev.net2net.policies.evaluate.Decision} that says which rule fired, or why none
 * did, rule by rule and guard by guard. It keeps no state, reads no clock and does no I/O: the
 * daemon feeds it live signals and stores what the decision hands back, and {@code simulate} feeds
 * it a recorded history.
 */
package dev.net2net.policies.evaluate;
