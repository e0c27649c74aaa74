/**
 * Keeps the champion's measurements current: the {@link
 * dev.net2net.daemon.evaluation.EvaluationVerticle} evaluates each model's champion after its data
 * grew, after a growth finished and on a timer, on a worker executor of its own so that inference
 * never waits behind training, coalescing requests that arrive meanwhile. {@link
 * dev.net2net.daemon.evaluation.ChampionEvaluator} loads the champion's verified artifact from the
 * registry, measures it on the held-out set (and a training sample, for the underfitting trigger)
 * with {@code dev.net2net.training}'s evaluations, and feeds the result to the model's history,
 * which the policies read, and to the gauges in {@code metrics}. It announces each evaluation as a
 * daemon event, which wakes the policy engine.
 */
package dev.net2net.daemon.evaluation;
